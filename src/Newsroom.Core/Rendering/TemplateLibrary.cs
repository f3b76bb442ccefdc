using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Newsroom.Rules;
using Scriban;

namespace Newsroom.Rendering;

/// <summary>
/// The article templates, parsed once. A part (a profile's headline, lead, signal, bottom-line; the shared opening and
/// context) holds several phrasings separated by a line reading <c>---</c>, each starting with the facts it needs
/// (<c>{{# needs: price_up }}</c>, see <see cref="ArticleFacts"/>). Of the phrasings whose needs hold, those stating
/// the day's strongest fact come first; the story key picks among them, so the same story always reads the same.
/// </summary>
public sealed partial class TemplateLibrary
{
    public const string Article = "article";
    public const string Page = "page.html";
    public const string Context = "context";
    public const string Opening = "opening";
    public const string Timing = "timing";
    public const string Trigger = "trigger";
    public const string ShortHistory = "short-history";
    public static IReadOnlyList<string> Parts { get; } = ["headline", "lead", "signal", "bottom-line"];

    private const string ResourcePrefix = "templates/";
    private const string Extension = ".sbn";
    private readonly Dictionary<string, IReadOnlyList<NamedTemplate>> _templates;

    private TemplateLibrary(Dictionary<string, IReadOnlyList<NamedTemplate>> templates, string version)
    {
        _templates = templates;
        Version = version;
    }

    /// <summary>Changes whenever any template's text changes; stored with each article.</summary>
    public string Version { get; }

    public static TemplateLibrary LoadEmbedded() => Parse(EmbeddedSources());

    /// <summary>The text of the templates compiled in from <c>templates/</c>, by name (e.g. "short-squeeze/lead").</summary>
    public static Dictionary<string, string> EmbeddedSources()
    {
        var assembly = typeof(TemplateLibrary).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..^Extension.Length], n => ReadResource(assembly, n));
    }

    /// <summary>Parses every template and checks that each profile has every part; any problem stops start-up.</summary>
    public static TemplateLibrary Parse(IReadOnlyDictionary<string, string> sources)
    {
        var templates = new Dictionary<string, IReadOnlyList<NamedTemplate>>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, text) in sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}\n{text}\n"));
            // The article and the page are one template each (the article's "---" is a rule, not a separator).
            var variants = name is Article or Page ? [(text, 1)] : SplitVariants(text);
            templates[name] = variants.Select((variant, i) => ParseOne($"{name}#{i + 1}", variant.Text, $"{ResourcePrefix}{name}{Extension}", variant.Line)).ToList();
            if (name is not (Article or Page) && templates[name].All(t => t.Needs.Count > 0 || t.Says.Count > 0))
            {
                throw new RenderException(name, "every phrasing has needs or says: one must have neither, so the part can always be written");
            }
        }
        var required = new[] { Article, Page, Context, Trigger, ShortHistory, Opening, Timing }.Concat(Profiles.ByPriority.SelectMany(p => Parts.Select(part => $"{p}/{part}")));
        var missing = required.Where(name => !templates.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new RenderException(string.Join(", ", missing), "template missing");
        }
        return new TemplateLibrary(templates, Convert.ToHexStringLower(hash.GetHashAndReset())[..12]);
    }

    public NamedTemplate Get(string name) => _templates[name][0];

    /// <summary>
    /// One phrasing of a part whose needs the facts meet and that says nothing the article already said
    /// (<paramref name="said"/>): one stating the strongest fact if there is one, else one stating any fact of the day,
    /// else any; not one of <paramref name="recent"/> (the scope's last stories) while another remains; the same for
    /// the same story key.
    /// </summary>
    public NamedTemplate Pick(string name, string storyKey, ArticleFacts facts, IReadOnlySet<string>? recent = null, IReadOnlySet<string>? said = null)
    {
        // Tiers, best first: states the strongest fact, states some fact, only meets its needs; within each, a phrasing
        // the scope's last stories did not use before one they did. The story key picks within the best tier present.
        Span<int> tiers = stackalloc int[_templates[name].Count];
        var best = int.MaxValue;
        var variants = _templates[name];
        for (var i = 0; i < variants.Count; i++)
        {
            tiers[i] = Tier(variants[i], facts, recent, said);
            best = Math.Min(best, tiers[i]);
        }
        var count = 0;
        foreach (var tier in tiers)
        {
            count += tier == best ? 1 : 0;
        }
        var pick = (int)(StableHash($"{storyKey}|{name}") % (uint)count);
        for (var i = 0; ; i++)
        {
            if (tiers[i] == best && pick-- == 0)
            {
                return variants[i];
            }
        }
    }

    private static int Tier(NamedTemplate variant, ArticleFacts facts, IReadOnlySet<string>? recent, IReadOnlySet<string>? said)
    {
        if (said is not null && variant.Says.Any(said.Contains))
        {
            return int.MaxValue;
        }
        var needs = variant.Needs;
        var states = 2;
        foreach (var need in needs)
        {
            if (!facts.Holds(need))
            {
                return int.MaxValue;
            }
            states = need == facts.Lead || need == ArticleFacts.LeadPrefix + facts.Lead ? 0 : need.StartsWith('!') ? states : Math.Min(states, 1);
        }
        // Stating a fact beats freshness (a part must not drop a fact it can state, or say nothing instead); among
        // phrasings that state as much, one the scope's last stories did not use comes first.
        var used = recent?.Contains(variant.Name) == true;
        return (states * 2) + (used ? 1 : 0);
    }

    /// <summary>Every phrasing of a part.</summary>
    public IReadOnlyList<NamedTemplate> Variants(string name) => _templates[name];

    /// <param name="file">The file the phrasing is in, and <paramref name="line"/> the line it starts on, for errors.</param>
    private static NamedTemplate ParseOne(string name, string text, string file, int line)
    {
        string[] needs = [];
        string[] says = [];
        if (HeadLine().Match(text) is { Success: true } head)
        {
            foreach (var clause in head.Groups["head"].Value.Split(';', StringSplitOptions.TrimEntries))
            {
                var list = clause[(clause.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                (needs, says) = clause.StartsWith("needs:", StringComparison.Ordinal) ? (list, says)
                    : clause.StartsWith("says:", StringComparison.Ordinal) ? (needs, list)
                    : throw new RenderException(name, $"\"{clause}\" is neither needs: nor says:");
            }
            line += head.Value.Count(c => c == '\n');
            text = text[head.Length..];
        }
        if (needs.FirstOrDefault(need => !ArticleFacts.IsKnown(need)) is { } unknown)
        {
            throw new RenderException(name, $"needs \"{unknown}\", which is no fact (known: {string.Join(", ", ArticleFacts.Names.Order(StringComparer.Ordinal))})");
        }
        if (says.FirstOrDefault(topic => !ArticleFacts.Topics.Contains(topic)) is { } unknownTopic)
        {
            throw new RenderException(name, $"says \"{unknownTopic}\", which is no topic (known: {string.Join(", ", ArticleFacts.Topics.Order(StringComparer.Ordinal))})");
        }
        var template = Template.Parse(text, name);
        if (template.HasErrors)
        {
            throw new RenderException(name, string.Join("; ", template.Messages.Select(m => $"{file}, line {line + m.Span.Start.Line}, column {m.Span.Start.Column + 1}: {m.Message}")));
        }
        return new NamedTemplate(name, template, needs, says);
    }

    // "{{# needs: a, !b; says: topic }}": either clause may come alone.
    [GeneratedRegex(@"\A\{\{#\s*(?<head>(?:needs|says):[^}]*)\}\}[ \t]*\r?\n?")]
    private static partial Regex HeadLine();

    /// <summary>The phrasings of a part with the line each starts on in its file.</summary>
    private static IEnumerable<(string Text, int Line)> SplitVariants(string text)
    {
        var line = 1;
        foreach (var variant in text.ReplaceLineEndings("\n").Split("\n---\n"))
        {
            var leading = variant.Length - variant.TrimStart('\n').Length;
            yield return (variant.Trim('\n'), line + leading);
            // The variant's lines, then the separator's.
            line += variant.Count(c => c == '\n') + 2;
        }
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd();
    }

    // string.GetHashCode differs between processes; the pick must not.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }
}

/// <param name="Needs">The facts the phrasing states, all of which must hold for it to be picked.</param>
/// <param name="Says">What the phrasing tells (a topic such as the latest hour): an article tells each once.</param>
public sealed record NamedTemplate(string Name, Template Template, IReadOnlyList<string> Needs, IReadOnlyList<string> Says);
