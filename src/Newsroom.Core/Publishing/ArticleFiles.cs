using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Rendering;
using Newsroom.Snapshots;
using Newsroom.Storage;

namespace Newsroom.Publishing;

/// <summary>A snapshot as stored (its canonical JSON, named by its fingerprint) and as read.</summary>
public sealed record StoredSnapshot(string Fingerprint, string Json, Snapshot Data)
{
    public static async Task<StoredSnapshot> LoadAsync(SnapshotStore snapshots, string fingerprint, CancellationToken cancellationToken)
    {
        var json = await snapshots.JsonAsync(fingerprint, cancellationToken);
        return new StoredSnapshot(fingerprint, json, SnapshotReader.Read(json, DateTimeOffset.MaxValue));
    }
}

/// <summary>
/// Writes an article as &lt;slug&gt;.md, .html and .json, and the snapshot behind it once, as
/// snapshots/&lt;fingerprint&gt;.json (never rewritten: its name is its content's hash). Each file is written to a
/// temporary file in the same directory and moved into place, so a reader never sees half a file.
/// </summary>
public sealed class ArticleFiles(IOptions<OutputOptions> options, ArticleRenderer renderer, TimeProvider time)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly string[] Extensions = [".md", ".html", ".json"];

    // No write takes this long: a temporary file of another machine this old was left by a killed writer.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    /// <summary>Which process writes a temporary file ("host-1234"), so a later run can tell a killed writer's leftovers from a live write.</summary>
    private static readonly string Writer = $"{string.Concat(Environment.MachineName.Where(char.IsAsciiLetterOrDigit))}-{Environment.ProcessId}";

    /// <summary>
    /// Files are derived from the store, which a crash between its commit and the writes leaves ahead of them: rewrites
    /// each of these articles whose files are missing, show another version or status (the .json is written last, so
    /// its header vouches for the set) or refer to a missing snapshot. Returns how many were rewritten.
    /// </summary>
    /// <param name="latest">Latest versions, as stored.</param>
    /// <param name="snapshot">The snapshot of a fingerprint, read only for an article that is rewritten.</param>
    public async Task<int> RepairAsync(IReadOnlyList<Article> latest, Func<string, CancellationToken, Task<StoredSnapshot>> snapshot, CancellationToken cancellationToken)
    {
        var read = new Dictionary<string, StoredSnapshot>();
        var repaired = 0;
        foreach (var article in latest)
        {
            if (!await IsCurrentAsync(article, cancellationToken))
            {
                if (!read.TryGetValue(article.SnapshotFingerprint, out var evidence))
                {
                    read[article.SnapshotFingerprint] = evidence = await snapshot(article.SnapshotFingerprint, cancellationToken);
                }
                await WriteAsync(article, evidence, cancellationToken);
                repaired++;
            }
        }
        return repaired;
    }

    /// <summary>Removes the temporary files killed writes left behind.</summary>
    public void RemoveAbandoned()
    {
        foreach (var directory in new[] { Directory, SnapshotsDirectory }.Where(System.IO.Directory.Exists))
        {
            foreach (var leftover in System.IO.Directory.EnumerateFiles(directory, ".*.tmp").Where(Abandoned))
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>Left by a process of this machine that is gone, or by another machine long enough ago.</summary>
    private bool Abandoned(string temporary)
    {
        var parts = Path.GetFileName(temporary).Split('.');
        var writer = parts.Length >= 4 ? parts[^3].Split('-') : [];
        if (writer.Length == 2 && writer[0] == Writer.Split('-')[0] && int.TryParse(writer[1], out var pid))
        {
            return pid != Environment.ProcessId && !IsRunning(pid);
        }
        return time.GetUtcNow() - File.GetLastWriteTimeUtc(temporary) > AbandonedAfter;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task<bool> IsCurrentAsync(Article article, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, article.Slug);
        if (!File.Exists(path + ".md") || !File.Exists(path + ".html") || !File.Exists(path + ".json") || !File.Exists(SnapshotPath(article.SnapshotFingerprint)))
        {
            return false;
        }
        // The version and status come first in the file: its head is enough, however large the evidence behind them.
        var head = new byte[4096];
        int read;
        await using (var stream = File.OpenRead(path + ".json"))
        {
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }
        return Header(head.AsSpan(0, read)) == (article.Id, article.Version, article.Status);
    }

    private static (string? Id, int Version, string? Status) Header(ReadOnlySpan<byte> head)
    {
        var reader = new Utf8JsonReader(head, isFinalBlock: false, default);
        (string? Id, int Version, string? Status) found = default;
        try
        {
            while (reader.Read() && reader.CurrentDepth <= 1 && found.Status is null)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var name = reader.GetString();
                    reader.Read();
                    found = name switch
                    {
                        "id" when reader.TokenType == JsonTokenType.String => found with { Id = reader.GetString() },
                        "version" when reader.TokenType == JsonTokenType.Number => found with { Version = reader.GetInt32() },
                        "status" when reader.TokenType == JsonTokenType.String => found with { Status = reader.GetString() },
                        _ => found,
                    };
                }
            }
        }
        catch (JsonException)
        {
            // A damaged file is not current: it is rewritten.
        }
        return found;
    }

    public string Directory => Path.GetFullPath(options.Value.Directory);

    private string SnapshotsDirectory => Path.Combine(Directory, "snapshots");

    /// <summary>Where an article's .json finds its snapshot, relative to itself.</summary>
    public static string SnapshotReference(string fingerprint) => $"snapshots/{fingerprint}.json";

    private string SnapshotPath(string fingerprint) => Path.Combine(Directory, SnapshotReference(fingerprint));

    /// <summary>The <c>.md</c> file: the headline as its one H1, then the body.</summary>
    public static string MarkdownFile(string headline, string markdown) => $"# {headline}\n\n{markdown}";

    /// <summary>
    /// A Markdown text given back for a correction: the <c>.md</c> file Newsroom wrote (its H1 is the headline, not a
    /// second heading in the body) or a body alone (no headline).
    /// </summary>
    public static (string? Headline, string Body) ReadMarkdownFile(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var first = Array.FindIndex(lines, line => line.Trim().Length > 0);
        if (first < 0 || !lines[first].StartsWith("# ", StringComparison.Ordinal))
        {
            return (null, text);
        }
        return (lines[first][2..].Trim(), string.Join('\n', lines.Skip(first + 1)).TrimStart('\n'));
    }

    /// <summary>Deletes an article's files, or on a dry run only measures them: how many there were, and their bytes.</summary>
    public (int Files, long Bytes) Remove(string slug, bool dryRun) => Delete(Paths(slug).Select(path => new FileInfo(path)), dryRun);

    /// <summary>
    /// Deletes (or on a dry run only measures) the snapshot files none of these fingerprints name, once older than a
    /// write in progress: a run writes its snapshot after committing the versions that refer to it.
    /// </summary>
    /// <param name="referred">The snapshots the kept articles' files refer to.</param>
    public (int Files, long Bytes) RemoveSnapshotsExcept(IReadOnlySet<string> referred, bool dryRun) =>
        System.IO.Directory.Exists(SnapshotsDirectory)
            ? Delete(new DirectoryInfo(SnapshotsDirectory).EnumerateFiles("*.json")
                .Where(file => !referred.Contains(Path.GetFileNameWithoutExtension(file.Name)) && time.GetUtcNow() - file.LastWriteTimeUtc > AbandonedAfter), dryRun)
            : (0, 0);

    private static (int Files, long Bytes) Delete(IEnumerable<FileInfo> files, bool dryRun)
    {
        var existing = files.Where(file => file.Exists).ToList();
        var bytes = existing.Sum(file => file.Length);
        if (!dryRun)
        {
            existing.ForEach(file => file.Delete());
        }
        return (existing.Count, bytes);
    }

    /// <summary>An article's files, where <see cref="WriteAsync"/> puts them.</summary>
    public IReadOnlyList<string> Paths(string slug) => [.. Extensions.Select(extension => Path.Combine(Directory, slug + extension))];

    /// <param name="snapshot">The snapshot the version was written from: its figures for the article's scope go in the .json.</param>
    public async Task<IReadOnlyList<string>> WriteAsync(Article article, StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(snapshot.Fingerprint, article.SnapshotFingerprint, nameof(snapshot));
        System.IO.Directory.CreateDirectory(SnapshotsDirectory);
        // Before the article's own files, so no reference ever points at nothing.
        if (!File.Exists(SnapshotPath(snapshot.Fingerprint)))
        {
            await WriteAtomicallyAsync(SnapshotPath(snapshot.Fingerprint), snapshot.Json, cancellationToken);
        }
        var paths = Paths(article.Slug);
        string[] contents =
        [
            MarkdownFile(article.Headline, article.Markdown),
            renderer.RenderPage(article.Headline, article.Html) + "\n",
            ArticleJson.File(article, snapshot.Data, SnapshotReference(snapshot.Fingerprint)),
        ];
        foreach (var (path, content) in paths.Zip(contents))
        {
            await WriteAtomicallyAsync(path, content, cancellationToken);
        }
        return paths;
    }

    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Writer}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, content, Utf8, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
