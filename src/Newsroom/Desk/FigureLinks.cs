using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Newsroom.Rendering;

namespace Newsroom.Desk;

/// <summary>
/// The desk's rendering of a text: safe HTML in which every figure links to the datum it came from, and a figure that
/// matches no datum is marked, so an editor sees at a glance where each number stands.
/// </summary>
public static class FigureLinks
{
    /// <summary>The HTML id of a datum in the desk's evidence, which a figure in the text links to.</summary>
    public static string Anchor(Datum datum) => Anchor(datum.Group, datum.Item, datum.Name);

    /// <summary>Letters, digits and dashes only, whatever a source names its exchanges: safe in any attribute or selector.</summary>
    public static string Anchor(string group, string item, string name) =>
        string.Concat($"d-{group}-{item}-{name}".Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));

    public static string Headline(string headline, FigureSet figures)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (var figure in FactChecker.Locate(headline, figures))
        {
            html.Append(HtmlEncoder.Default.Encode(headline[at..figure.Start]));
            var (href, css, title) = Describe(figure);
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"{href}\" class=\"{css}\" title=\"{HtmlEncoder.Default.Encode(title)}\">{HtmlEncoder.Default.Encode(figure.Text)}</a>");
            at = figure.Start + figure.Text.Length;
        }
        return html.Append(HtmlEncoder.Default.Encode(headline[at..])).ToString();
    }

    public static string Body(string markdown, FigureSet figures)
    {
        var document = SafeMarkdown.Parse(markdown);
        // A figure inside an editor's own link stays as it is: links do not nest.
        foreach (var literal in document.Descendants<LiteralInline>().Where(l => l.FirstParentOfType<LinkInline>() is null).ToList())
        {
            var text = literal.Content.ToString();
            var located = FactChecker.Locate(text, figures);
            if (located.Count == 0)
            {
                continue;
            }
            var parts = new List<Inline>();
            var at = 0;
            foreach (var figure in located)
            {
                if (figure.Start > at)
                {
                    parts.Add(new LiteralInline(text[at..figure.Start]));
                }
                parts.Add(Link(figure));
                at = figure.Start + figure.Text.Length;
            }
            if (at < text.Length)
            {
                parts.Add(new LiteralInline(text[at..]));
            }
            literal.ReplaceBy(parts[0]);
            for (var i = 1; i < parts.Count; i++)
            {
                parts[i - 1].InsertAfter(parts[i]);
            }
        }
        return SafeMarkdown.Render(document);
    }

    private static LinkInline Link(LocatedFigure figure)
    {
        var (href, css, title) = Describe(figure);
        var link = new LinkInline(href, title);
        link.AppendChild(new LiteralInline(figure.Text));
        link.GetAttributes().AddClass(css);
        return link;
    }

    private static (string Href, string Css, string Title) Describe(LocatedFigure figure) => figure.Datum is { } datum
        ? ($"#{Anchor(datum)}", "figure", $"{datum.Group} {datum.Item} {datum.Name}: {datum.Display}")
        : ("#fact-check", "figure unmatched", "matches no figure of the data");
}
