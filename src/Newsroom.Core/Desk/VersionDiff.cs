using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Newsroom.Articles;

namespace Newsroom.Desk;

/// <summary>Two versions side by side, line by line, with the changed words of a changed line marked.</summary>
public static class VersionDiff
{
    public static IReadOnlyList<DiffRow> Between(Article before, Article after)
    {
        var model = SideBySideDiffBuilder.Diff(Text(before), Text(after), ignoreWhiteSpace: false);
        return model.OldText.Lines.Zip(model.NewText.Lines, (left, right) => new DiffRow(Side(left), Side(right))).ToList();
    }

    private static string Text(Article version) => $"# {version.Headline}\n\n{version.Markdown}";

    /// <summary>The pieces of one side of a row; an empty list where the other side has a line this one lacks.</summary>
    private static IReadOnlyList<DiffSpan> Side(DiffPiece line) => line.Type switch
    {
        ChangeType.Imaginary => [],
        ChangeType.Modified => line.SubPieces.Where(p => p.Type != ChangeType.Imaginary).Select(p => new DiffSpan(p.Text ?? "", Kind(p.Type))).ToList(),
        _ => [new DiffSpan(line.Text ?? "", Kind(line.Type))],
    };

    private static DiffKind Kind(ChangeType type) => type switch
    {
        ChangeType.Deleted => DiffKind.Removed,
        ChangeType.Inserted => DiffKind.Added,
        _ => DiffKind.Same,
    };
}

public sealed record DiffRow(IReadOnlyList<DiffSpan> Before, IReadOnlyList<DiffSpan> After)
{
    public bool Changed => Before.Concat(After).Any(s => s.Kind != DiffKind.Same) || Before.Count != After.Count;
}

public sealed record DiffSpan(string Text, DiffKind Kind);

public enum DiffKind
{
    Same,
    Removed,
    Added,
}
