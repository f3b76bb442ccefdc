using System.Runtime.CompilerServices;

namespace Newsroom.Tests.Architecture;

/// <summary>A source file a newcomer can read in one sitting: none in <c>src/</c> over 300 lines.</summary>
[Category("Unit")]
public class FileSizeTests
{
    private const int MaxLines = 300;

    [Test]
    public void NoSourceFileIsOverThreeHundredLines()
    {
        var src = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Here())!, "..", "..", "..", "src"));
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .ToList();

        var tooLong = files.Select(f => (File: Path.GetRelativePath(src, f), Lines: File.ReadLines(f).Count())).Where(f => f.Lines > MaxLines);

        Assert.That(files, Is.Not.Empty, src);
        Assert.That(tooLong, Is.Empty);
    }

    private static string Here([CallerFilePath] string path = "") => path;
}
