using Newsroom.Articles;
using Newsroom.Storage;

namespace Newsroom.Desk;

/// <summary>What editors refuse, counted by reason for each profile and each rule that fired: where thresholds need tuning.</summary>
public sealed record RejectionReport(int Total, IReadOnlyList<ReportRow> ByProfile, IReadOnlyList<ReportRow> ByRule)
{
    public static RejectionReport From(IReadOnlyList<Rejection> rejections)
    {
        var fired = rejections
            .SelectMany(r => ArticleJson.ReadFindings(r.FindingsJson).Where(f => f.Fired).Select(f => (Key: f.Rule, r.Reason)))
            .ToList();
        return new RejectionReport(rejections.Count, Rows(rejections.Select(r => (Key: r.Profile, r.Reason))), Rows(fired));
    }

    /// <summary>One row per key, most refused first, with a count per reason (every reason present, zero or not).</summary>
    private static List<ReportRow> Rows(IEnumerable<(string Key, string Reason)> items) => items
        .GroupBy(i => i.Key)
        .Select(g => new ReportRow(g.Key, RejectionReasons.All.ToDictionary(reason => reason, reason => g.Count(i => i.Reason == reason)), g.Count()))
        .OrderByDescending(row => row.Total).ThenBy(row => row.Key, StringComparer.Ordinal)
        .ToList();
}

public sealed record ReportRow(string Key, IReadOnlyDictionary<string, int> ByReason, int Total);
