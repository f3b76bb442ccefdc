using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Newsroom.Rendering;

/// <summary>
/// Markdown to HTML that cannot carry script: raw HTML is escaped, and a link or image whose address is not
/// http, https or mailto is reduced to its text (Markdig's DisableHtml alone still emits javascript: links).
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();
    private static readonly string[] AllowedSchemes = [Uri.UriSchemeHttp, Uri.UriSchemeHttps, Uri.UriSchemeMailto];

    public static string ToHtml(string markdown) => Render(Parse(markdown));

    /// <summary>The parsed document with every unsafe link already reduced to its text.</summary>
    public static MarkdownDocument Parse(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        // Every link and autolink starts with '[' or '<': a text without either has nothing to reduce.
        if (markdown.AsSpan().IndexOfAny('[', '<') < 0)
        {
            return document;
        }
        var unsafeLinks = document.Descendants<Inline>()
            .Where(inline => inline is LinkInline link ? !IsAllowed(link.Url) : inline is AutolinkInline auto && !IsAllowed(auto.IsEmail ? "mailto:" + auto.Url : auto.Url))
            .ToList();
        foreach (var link in unsafeLinks)
        {
            var text = link is LinkInline container ? PlainText(container) : ((AutolinkInline)link).Url;
            link.ReplaceBy(new LiteralInline(text), copyChildren: false);
        }
        return document;
    }

    public static string Render(MarkdownDocument document) => document.ToHtml(Pipeline);

    private static bool IsAllowed(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);

    private static string PlainText(ContainerInline container) =>
        string.Concat(container.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
}
