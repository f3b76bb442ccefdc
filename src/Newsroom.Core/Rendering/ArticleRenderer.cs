using System.Collections.Concurrent;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Newsroom.Rendering;

/// <param name="Variants">The phrasings picked ("short-squeeze/lead#2"), so later stories of the scope can avoid them.</param>
public sealed record RenderedArticle(string Headline, string Markdown, string Html, string TemplateVersion, IReadOnlyList<string> Variants);

/// <summary>
/// Renders an assessment into a checked article: the profile's parts, then the article around them, then Markdown
/// to HTML, then the fact check. Any failure throws and nothing comes out: there is no half-good article.
/// </summary>
public sealed class ArticleRenderer(TemplateLibrary templates)
{
    // A TemplateContext is costly to build and caches member accessors, so contexts are reused: one per concurrent render.
    private readonly ConcurrentBag<TemplateContext> _contexts = [];

    public string TemplateVersion => templates.Version;

    /// <param name="recent">Phrasings the scope's last stories used: picked again only when nothing else fits.</param>
    public RenderedArticle Render(Assessment assessment, Snapshot snapshot, string storyKey, IReadOnlySet<string>? recent = null, CancellationToken cancellationToken = default)
    {
        var facts = ArticleFacts.From(assessment);
        var model = new ScriptObject();
        model.Import(ArticleModel.From(assessment, snapshot));
        // Sized once: grown one name at a time, the table would be copied five times an article.
        var factsObject = new ScriptObject(ArticleFacts.Names.Count + 1) { ["lead"] = facts.Lead };
        foreach (var name in ArticleFacts.Names)
        {
            factsObject[name] = facts.Holds(name);
        }
        model["facts"] = factsObject;

        var parts = new ScriptObject();
        var rendered = new List<(string Template, string Text)>();
        // Parts are picked in reading order, each avoiding what an earlier one said. The lead may repeat the headline
        // (that is what a lead does); the signal and the bottom line may not.
        var said = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<string> announced = [];
        foreach (var part in ReadingOrder(assessment.Profile))
        {
            if (part.EndsWith("/signal", StringComparison.Ordinal))
            {
                said.UnionWith(announced);
            }
            var template = templates.Pick(part, storyKey, facts, recent, said);
            var text = Render(template, model, cancellationToken);
            // Only the headline and the opening must say something: every later part is left out when it has nothing
            // the article has not said.
            if (part == TemplateLibrary.Opening || part.EndsWith("/headline", StringComparison.Ordinal))
            {
                NotEmpty(template.Name, text);
            }
            if (part.EndsWith("/headline", StringComparison.Ordinal))
            {
                announced = template.Says;
            }
            else
            {
                said.UnionWith(template.Says);
            }
            parts[part[(part.IndexOf('/', StringComparison.Ordinal) + 1)..].Replace('-', '_')] = text;
            rendered.Add((template.Name, text));
        }
        var headline = (string)parts["headline"]!;
        if (headline.Contains('\n', StringComparison.Ordinal))
        {
            throw new RenderException($"{assessment.Profile}/headline", "the headline spans more than one line");
        }
        model["parts"] = parts;

        var article = templates.Get(TemplateLibrary.Article);
        var markdown = NotEmpty(article.Name, Render(article, model, cancellationToken)) + "\n";
        // The article holds every part, so one look at it and the headline finds leftovers from any template.
        var copy = $"{headline}\n{markdown}";
        var figures = FactChecker.Scan(copy);
        CheckLeftovers(copy, figures, rendered.Append((article.Name, markdown)));
        CheckSections(article.Name, markdown);

        var unmatched = FactChecker.Unmatched(figures, FigureSet.For(assessment));
        if (unmatched.Count > 0)
        {
            throw new FactCheckException(assessment.Scope, unmatched);
        }
        return new RenderedArticle(headline, markdown, SafeMarkdown.ToHtml(markdown), templates.Version, [.. rendered.Select(r => r.Template)]);
    }

    private static IEnumerable<string> ReadingOrder(string profile) =>
        [$"{profile}/headline", TemplateLibrary.Opening, $"{profile}/lead", TemplateLibrary.Context, TemplateLibrary.Trigger, TemplateLibrary.ShortHistory, TemplateLibrary.Timing, $"{profile}/signal", $"{profile}/bottom-line"];

    /// <summary>The HTML document of an article, for the <c>.html</c> file.</summary>
    public string RenderPage(string headline, string html)
    {
        var model = new ScriptObject { ["headline"] = headline, ["body"] = html };
        return Render(templates.Get(TemplateLibrary.Page), model, CancellationToken.None);
    }

    private string Render(NamedTemplate template, ScriptObject model, CancellationToken cancellationToken)
    {
        var context = _contexts.TryTake(out var pooled) ? pooled : CreateContext();
        context.CancellationToken = cancellationToken;
        context.PushGlobal(model);
        string text;
        try
        {
            text = template.Template.Render(context).Trim();
        }
        catch (ScriptRuntimeException e)
        {
            // The context is not pooled again: a failed render can leave its scopes half unwound.
            throw new RenderException(template.Name, e.OriginalMessage);
        }
        // Not Reset(): that also empties the context's cache of member accessors, which are built by reflection.
        context.PopGlobal();
        ((StringBuilderOutput)context.Output).Builder.Clear();
        _contexts.Add(context);
        return text;
    }

    private static TemplateContext CreateContext()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        builtins.Import("money", new Func<decimal, string>(Numbers.Money));
        builtins.Import("rounded", new Func<decimal, string>(Numbers.Rounded));
        builtins.Import("dollars", new Func<decimal, string>(Numbers.WholeDollars));
        builtins.Import("pct", new Func<decimal, string>(Numbers.Share));
        // A move coverage reported is printed as precisely as it was reported ("17%", "8.6%"), not padded to "17.0%".
        builtins.Import("reported", new Func<decimal, string>(Numbers.Percent));
        builtins.Import("rate", new Func<decimal, string>(Numbers.Rate));
        builtins.Import("ratio", new Func<decimal, string>(Numbers.Ratio));
        builtins.Import("count", new Func<int, string>(Numbers.CountWord));
        return new TemplateContext(builtins)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 1_000,
            RecursiveLimit = 20,
            LimitToString = 100_000,
        };
    }

    private static string NotEmpty(string template, string text) =>
        string.IsNullOrWhiteSpace(text) ? throw new RenderException(template, "rendered nothing") : text;

    private static void CheckLeftovers(string text, List<PrintedFigure> figures, IEnumerable<(string Template, string Text)> sources)
    {
        var nothing = figures.FindIndex(f => f is { Kind: Unit.Usd, Value: 0, Scale: > 1 });
        var found = Leftovers.FirstOrDefault(token => text.Contains(token, StringComparison.Ordinal))
            ?? (nothing >= 0 ? figures[nothing].Text : null);
        if (found is not null)
        {
            var source = sources.First(s => s.Text.Contains(found, StringComparison.Ordinal)).Template;
            throw new RenderException(source, $"the text contains \"{found}\"");
        }
    }

    private static void CheckSections(string template, string markdown)
    {
        var heading = "";
        var hasBody = true;
        foreach (var line in markdown.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                EnsureBody(template, heading, hasBody);
                (heading, hasBody) = (line[3..].Trim().ToString(), false);
            }
            else
            {
                hasBody |= !line.IsWhiteSpace();
            }
        }
        EnsureBody(template, heading, hasBody);
    }

    private static void EnsureBody(string template, string heading, bool hasBody)
    {
        if (!hasBody)
        {
            throw new RenderException(template, $"section \"{heading}\" is empty");
        }
    }

    // Placeholders that survived and values that are not numbers; amounts that round to nothing ("$0.00 million") too.
    private static readonly string[] Leftovers = ["{{", "}}", "{%", "%}", "NaN", "Infinity", "∞"];
}
