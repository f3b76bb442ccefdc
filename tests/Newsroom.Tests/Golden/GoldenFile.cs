using System.Runtime.CompilerServices;

namespace Newsroom.Tests.Golden;

/// <summary>
/// Compares text with an expected file beside this class. A deliberate change of wording updates the file in the same
/// commit: run the tests once with NEWSROOM_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(Here())!, name);
        if (Environment.GetEnvironmentVariable("NEWSROOM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }
        Assert.That(File.Exists(path), Is.True, $"{path} is missing; run with NEWSROOM_UPDATE_GOLDEN=1 to create it");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path)), $"{name} differs from the golden file (called from {Path.GetFileName(caller)})");
    }

    private static string Here([CallerFilePath] string path = "") => path;
}
