using System.Text;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Rendering;

namespace Newsroom.Publishing;

/// <summary>
/// Writes an article as &lt;slug&gt;.md, .html and .json. Each file is written to a temporary file in the same
/// directory and moved into place, so a reader never sees half a file.
/// </summary>
public sealed class ArticleFiles(IOptions<OutputOptions> options, ArticleRenderer renderer)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Directory => Path.GetFullPath(options.Value.Directory);

    public async Task<IReadOnlyList<string>> WriteAsync(Article article, string snapshotJson, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        (string Extension, string Content)[] files =
        [
            (".md", $"# {article.Headline}\n\n{article.Markdown}"),
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
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
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
