using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Rendering;

namespace Newsroom.Publishing;

/// <summary>
/// Writes an article as &lt;slug&gt;.md, .html and .json. Each file is written to a temporary file in the same
/// directory and moved into place, so a reader never sees half a file.
/// </summary>
public sealed class ArticleFiles(IOptions<OutputOptions> options, ArticleRenderer renderer, TimeProvider time)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly string[] Extensions = [".md", ".html", ".json"];

    // A temporary file of another machine this old belongs to no write still in progress: its writer was killed.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    /// <summary>Which process writes a temporary file ("host-1234"), so a later run can tell a killed writer's leftovers from a live write.</summary>
    private static readonly string Writer = $"{string.Concat(Environment.MachineName.Where(char.IsAsciiLetterOrDigit))}-{Environment.ProcessId}";

    /// <summary>
    /// Files are derived from the store, which a crash between its commit and the writes leaves ahead of them: rewrites
    /// every article whose files are missing or show another version or status (the .json is written last, so its
    /// header vouches for the set), and removes temporary files a killed write left behind. Returns how many were rewritten.
    /// </summary>
    /// <param name="latest">The latest version of every article, as stored.</param>
    /// <param name="snapshotJson">The snapshot behind a version, read only for an article that is rewritten.</param>
    public async Task<int> RepairAsync(IReadOnlyList<Article> latest, Func<Article, CancellationToken, Task<string>> snapshotJson, CancellationToken cancellationToken)
    {
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (var leftover in System.IO.Directory.EnumerateFiles(Directory, ".*.tmp").Where(Abandoned))
            {
                File.Delete(leftover);
            }
        }
        var repaired = 0;
        foreach (var article in latest)
        {
            if (!await IsCurrentAsync(article, cancellationToken))
            {
                await WriteAsync(article, await snapshotJson(article, cancellationToken), cancellationToken);
                repaired++;
            }
        }
        return repaired;
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
        if (!File.Exists(path + ".md") || !File.Exists(path + ".html") || !File.Exists(path + ".json"))
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
    public (int Files, long Bytes) Remove(Article article, bool dryRun)
    {
        var existing = Extensions.Select(extension => new FileInfo(Path.Combine(Directory, article.Slug + extension))).Where(file => file.Exists).ToList();
        var bytes = existing.Sum(file => file.Length);
        if (!dryRun)
        {
            existing.ForEach(file => file.Delete());
        }
        return (existing.Count, bytes);
    }

    public async Task<IReadOnlyList<string>> WriteAsync(Article article, string snapshotJson, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        (string Extension, string Content)[] files =
        [
            (".md", MarkdownFile(article.Headline, article.Markdown)),
            (".html", renderer.RenderPage(article.Headline, article.Html) + "\n"),
            (".json", ArticleJson.File(article, snapshotJson)),
        ];
        var paths = new List<string>();
        foreach (var (extension, content) in files)
        {
            var path = Path.Combine(Directory, article.Slug + extension);
            await WriteAtomicallyAsync(path, content, cancellationToken);
            paths.Add(path);
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
