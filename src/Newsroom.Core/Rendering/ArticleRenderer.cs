using System.Text.RegularExpressions;
using Newsroom.Rules;
using Newsroom.Snapshots;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Newsroom.Rendering;

public sealed record RenderedArticle(string Headline, string Markdown, string Html, string TemplateVersion);

/// <summary>
/// Renders an assessment into a checked article: the profile's parts, then the article around them, then Markdown
/// to HTML, then the fact check. Any failure throws and nothing comes out: there is no half-good article.
/// </summary>
public sealed partial class ArticleRenderer(TemplateLibrary templates)
{
    // Built-in functions are costly to build (about 4x a render), so one set serves every render.
    private static readonly ScriptObject Builtins = new TemplateContext().BuiltinObject;
    private static readonly ScriptObject Functions = CreateFunctions();

    public string TemplateVersion => templates.Version;

    public RenderedArticle Render(Assessment assessment, Snapshot snapshot, string storyKey, CancellationToken cancellationToken = default)
    {
        var model = new ScriptObject();
        model.Import(ArticleModel.From(assessment, snapshot));

        var parts = new ScriptObject();
        foreach (var part in TemplateLibrary.Parts)
        {
            var template = templates.Pick($"{assessment.Profile}/{part}", storyKey);
            parts[part.Replace('-', '_')] = CheckText(template.Name, Render(template, model, cancellationToken));
        }
        var headline = (string)parts["headline"]!;
        if (headline.Contains('\n', StringComparison.Ordinal))
        {
            throw new RenderException($"{assessment.Profile}/headline", "the headline spans more than one line");
        }
        model["parts"] = parts;

        var article = templates.Get(TemplateLibrary.Article);
        var markdown = CheckText(article.Name, Render(article, model, cancellationToken)) + "\n";
        CheckSections(article.Name, markdown);

        var unmatched = FactChecker.Unmatched($"{headline}\n{markdown}", FigureSet.For(assessment));
        if (unmatched.Count > 0)
        {
            throw new FactCheckException(assessment.Scope, unmatched);
        }
        return new RenderedArticle(headline, markdown, SafeMarkdown.ToHtml(markdown), templates.Version);
    }

    /// <summary>The HTML document of an article, for the <c>.html</c> file.</summary>
    public string RenderPage(string headline, string html)
    {
        var model = new ScriptObject { ["headline"] = headline, ["body"] = html };
        return Render(templates.Get(TemplateLibrary.Page), model, CancellationToken.None);
    }

    private static string Render(NamedTemplate template, ScriptObject model, CancellationToken cancellationToken)
    {
        var context = new TemplateContext(Builtins)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 1_000,
            RecursiveLimit = 20,
            LimitToString = 100_000,
            CancellationToken = cancellationToken,
        };
        context.PushGlobal(Functions);
        context.PushGlobal(model);
        try
        {
            return template.Template.Render(context).Trim();
        }
        catch (ScriptRuntimeException e)
        {
            throw new RenderException(template.Name, e.OriginalMessage);
        }
    }

    private static string CheckText(string template, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RenderException(template, "rendered nothing");
        }
        if (Leftover().Match(text) is { Success: true } leftover)
        {
            throw new RenderException(template, $"the text contains \"{leftover.Value}\"");
        }
        return text;
    }

    private static void CheckSections(string template, string markdown)
    {
        string? heading = null;
        var hasBody = true;
        foreach (var line in markdown.Split('\n').Append("## (end)"))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (!hasBody)
                {
                    throw new RenderException(template, $"section \"{heading}\" is empty");
                }
                (heading, hasBody) = (line[3..].Trim(), false);
            }
            else
            {
                hasBody |= !string.IsNullOrWhiteSpace(line);
            }
        }
    }

    private static ScriptObject CreateFunctions()
    {
        var functions = new ScriptObject();
        functions.Import("money", new Func<decimal, string>(Numbers.Money));
        functions.Import("pct", new Func<decimal, string>(Numbers.Percent));
        functions.Import("rate", new Func<decimal, string>(Numbers.Rate));
        functions.Import("ratio", new Func<decimal, string>(Numbers.Ratio));
        return functions;
    }

    // Placeholders that survived, values that are not numbers, and amounts that round to nothing.
    [GeneratedRegex(@"\{\{|\}\}|\{%|%\}|\bNaN\b|\bInfinity\b|∞|\$0\.0+\s?(?:K|million|billion)", RegexOptions.IgnoreCase)]
    private static partial Regex Leftover();
}
