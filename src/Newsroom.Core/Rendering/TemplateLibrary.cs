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
            var variants = name is Article or Page ? [text] : SplitVariants(text);
            templates[name] = variants.Select((variant, i) => ParseOne($"{name}#{i + 1}", variant)).ToList();
            if (name is not (Article or Page) && templates[name].All(t => t.Needs.Count > 0))
            {
                throw new RenderException(name, "every phrasing has needs: one must have none, so the part can always be written");
            }
        }
        var required = new[] { Article, Page, Context, Opening }.Concat(Profiles.ByPriority.SelectMany(p => Parts.Select(part => $"{p}/{part}")));
        var missing = required.Where(name => !templates.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new RenderException(string.Join(", ", missing), "template missing");
        }
        return new TemplateLibrary(templates, Convert.ToHexStringLower(hash.GetHashAndReset())[..12]);
    }

    public NamedTemplate Get(string name) => _templates[name][0];

    /// <summary>
    /// One phrasing of a part whose needs the facts meet: one stating the strongest fact if there is one, else one stating
    /// any fact of the day, else any; not
    /// one of <paramref name="recent"/> (the scope's last stories) while another remains; the same for the same story key.
    /// </summary>
    public NamedTemplate Pick(string name, string storyKey, ArticleFacts facts, IReadOnlySet<string>? recent = null)
    {
        var eligible = _templates[name].Where(v => v.Needs.All(facts.Holds)).ToList();
        var leading = eligible.Where(v => v.Needs.Contains(facts.Lead) || v.Needs.Contains(ArticleFacts.LeadPrefix + facts.Lead)).ToList();
        // Next best, a phrasing that states some fact of the day ("price_up"), over one that only avoids a claim ("!price").
        var specific = eligible.Where(v => v.Needs.Any(need => !need.StartsWith('!'))).ToList();
        List<NamedTemplate>[] preferred = [leading, specific, eligible];
        // Not repeating the scope's last stories matters more than stating one more fact; stating the strongest fact most.
        var candidates = leading.Count > 0 ? leading
            : preferred.Select(set => set.Where(v => recent?.Contains(v.Name) != true).ToList()).FirstOrDefault(set => set.Count > 0)
            ?? (specific.Count > 0 ? specific : eligible);
        var fresh = candidates.Where(v => recent?.Contains(v.Name) != true).ToList();
        candidates = fresh.Count > 0 ? fresh : candidates;
        return candidates[(int)(StableHash($"{storyKey}|{name}") % (uint)candidates.Count)];
    }

    /// <summary>Every phrasing of a part.</summary>
    public IReadOnlyList<NamedTemplate> Variants(string name) => _templates[name];

    private static NamedTemplate ParseOne(string name, string text)
    {
        var needs = new List<string>();
        if (NeedsLine().Match(text) is { Success: true } line)
        {
            needs.AddRange(line.Groups["needs"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            text = text[line.Length..];
        }
        if (needs.FirstOrDefault(need => !ArticleFacts.IsKnown(need)) is { } unknown)
        {
            throw new RenderException(name, $"needs \"{unknown}\", which is no fact (known: {string.Join(", ", ArticleFacts.Names.Order(StringComparer.Ordinal))})");
        }
        var template = Template.Parse(text, name);
        if (template.HasErrors)
        {
            throw new RenderException(name, string.Join("; ", template.Messages.Select(m => m.ToString())));
        }
        return new NamedTemplate(name, template, needs);
    }

    [GeneratedRegex(@"\A\{\{#\s*needs:(?<needs>[^}]*)\}\}[ \t]*\r?\n?")]
    private static partial Regex NeedsLine();

    private static IEnumerable<string> SplitVariants(string text) =>
        text.ReplaceLineEndings("\n").Split("\n---\n").Select(v => v.Trim('\n'));

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
public sealed record NamedTemplate(string Name, Template Template, IReadOnlyList<string> Needs);
