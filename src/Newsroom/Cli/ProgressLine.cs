namespace Newsroom.Cli;

/// <summary>A long command's progress: one line redrawn in place on a terminal, a plain line a step elsewhere (a log or a pipe).</summary>
internal sealed class ProgressLine(TextWriter output, bool terminal)
{
    private int _width;

    public async Task ShowAsync(string text)
    {
        if (!terminal)
        {
            await output.WriteLineAsync(text);
            return;
        }
        await output.WriteAsync($"\r{text.PadRight(_width)}");
        await output.FlushAsync();
        _width = text.Length;
    }

    /// <summary>Leaves the cursor at the start of an empty line, for what the command prints next.</summary>
    public async Task ClearAsync()
    {
        if (terminal && _width > 0)
        {
            await output.WriteAsync($"\r{new string(' ', _width)}\r");
            _width = 0;
        }
    }
}
