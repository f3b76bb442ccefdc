using Newsroom.Tests.Telemetry;
using WireMock.Server;

namespace Newsroom.Tests;

/// <summary>
/// Waits for a promise, not for a guessed time: the condition is checked again whenever a watched source changes (a
/// receiver logs a request, a meter is written, a process writes a line), so a kept promise returns as soon as it holds.
/// </summary>
internal sealed class Changes
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private TaskCompletionSource _next = NewSignal();

    public Changes Watch(WireMockServer server)
    {
        server.LogEntriesChanged += (_, _) => Changed();
        return this;
    }

    public Changes Watch(MeterReader meters)
    {
        meters.Recorded += Changed;
        return this;
    }

    public Changes Watch(NewsroomProcess process)
    {
        process.Wrote += Changed;
        return this;
    }

    public Task UntilAsync(Func<bool> condition, Func<string>? why = null) => UntilAsync(() => Task.FromResult(condition()), why);

    /// <param name="why">What to say if the promise is broken (a process's log).</param>
    public async Task UntilAsync(Func<Task<bool>> condition, Func<string>? why = null)
    {
        // A bound for a broken promise, not a time to wait.
        using var deadline = new CancellationTokenSource(Limit);
        while (true)
        {
            // Taken before the check, so a change during the check wakes the wait after it.
            var next = Volatile.Read(ref _next).Task;
            if (await condition())
            {
                return;
            }
            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"not within {Limit.TotalSeconds} s{(why is null ? "" : $": {why()}")}");
            }
        }
    }

    private void Changed() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
