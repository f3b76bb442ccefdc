using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Newsroom.Rules;
using Scriban;

namespace Newsroom.Rendering;

/// <summary>
/// The article templates, parsed once. A profile's part (headline, lead, signal, bottom-line) holds several phrasings
/// separated by a line reading <c>---</c>; the story key picks one, so the same story always reads the same.
/// </summary>
public sealed class TemplateLibrary
{
    public const string Article = "article";
    public const string Page = "page.html";
    public const string Context = "context";
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
            // Only a profile's parts have phrasings; the article and the page are one template each.
            var variants = name.Contains('/', StringComparison.Ordinal) ? SplitVariants(text) : [text];
            templates[name] = variants.Select((variant, i) => ParseOne($"{name}#{i + 1}", variant)).ToList();
        }
        var required = new[] { Article, Page, Context }.Concat(Profiles.ByPriority.SelectMany(p => Parts.Select(part => $"{p}/{part}")));
        var missing = required.Where(name => !templates.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new RenderException(string.Join(", ", missing), "template missing");
        }
        return new TemplateLibrary(templates, Convert.ToHexStringLower(hash.GetHashAndReset())[..12]);
    }

    public NamedTemplate Get(string name) => _templates[name][0];

    /// <summary>One phrasing of a part, the same for the same story key.</summary>
    public NamedTemplate Pick(string name, string storyKey)
    {
        var variants = _templates[name];
        return variants[(int)(StableHash($"{storyKey}|{name}") % (uint)variants.Count)];
    }

    private static NamedTemplate ParseOne(string name, string text)
    {
        var template = Template.Parse(text, name);
        if (template.HasErrors)
        {
            throw new RenderException(name, string.Join("; ", template.Messages.Select(m => m.ToString())));
        }
        return new NamedTemplate(name, template);
    }

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

public sealed record NamedTemplate(string Name, Template Template);
