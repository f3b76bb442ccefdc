using Newsroom.Configuration;

namespace Newsroom.Sources;

/// <summary>Recorded snapshots compiled into the program, so it runs on a machine with no network and no API key.</summary>
public static class SampleSnapshots
{
    /// <summary>The figures of the reference article: a short squeeze of $397.04 million.</summary>
    public const string Default = "seed";

    private const string Prefix = "samples/";
    private const string Extension = ".json";

    public static IReadOnlyList<string> Names { get; } = typeof(SampleSnapshots).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Extension.Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <exception cref="ArgumentException">No sample has that name; the message lists the ones there are.</exception>
    public static string Read(string name)
    {
        using var stream = typeof(SampleSnapshots).Assembly.GetManifestResourceStream(Prefix + name + Extension)
            ?? throw new InputException("sample", $"no sample named \"{name}\" (there are: {string.Join(", ", Names)})");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
