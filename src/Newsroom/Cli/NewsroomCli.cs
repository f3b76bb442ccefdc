using System.CommandLine;
using Newsroom.History;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Configuration;
using Newsroom.Rendering;
using Newsroom.Snapshots;
using Newsroom.Sources;

namespace Newsroom.Cli;

/// <summary>The command line. Exit codes: 0 done, 2 invalid input or configuration, 1 anything else.</summary>
public static class NewsroomCli
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Invalid = 2;

    /// <param name="configure">Extra configuration on top of appsettings.json and the environment (tests use it).</param>
    /// <param name="replace">Services replaced in whatever host the command builds (tests use it).</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure = null, TextReader? input = null,
        Action<IServiceCollection>? replace = null, CancellationToken cancellationToken = default)
    {
        var root = new NewsroomHost(configure, replace);
        var commands = new RootCommand("Newsroom writes market-news articles from crypto-derivatives liquidation data.")
        {
            GenerateCommand.Create(output, root),
            ServeCommand.Create(root),
            RunsCommand.Create(output, root),
            PruneCommand.Create(output, root),
            ArticlesCommand.Create(output, root),
            HistoryCommand.Create(output, root),
            SamplesCommand.Create(output, root),
            ApiKeyCommand.Create(output, root),
            UserCommand.Create(input ?? Console.In, output, root),
        };
        foreach (var command in DecisionCommands.Create(output, root).Concat(WebhookCommands.Create(output, root)))
        {
            commands.Add(command);
        }
        var parsed = commands.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"newsroom: {parseError.Message}");
            }
            await error.WriteLineAsync("Run 'newsroom --help' for usage.");
            return Invalid;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception e)
        {
            return await ReportAsync(e, error);
        }
    }

    /// <summary>Runs a core call whose <see cref="InputException"/> names the bad input, reporting it as a usage error.</summary>
    internal static async Task<T> AsUsage<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (InputException e)
        {
            throw new UsageException($"{Flag(e.Field)}: {e.Problem}");
        }
    }

    /// <summary>How the command line names an input: a name is an argument (NAME), a password is read, not passed; the rest are options.</summary>
    private static string Flag(string field) => field switch
    {
        "name" => "NAME",
        "password" => "password",
        _ => $"--{field}",
    };

    internal static Task AsUsage(Func<Task> action) => AsUsage(async () =>
    {
        await action();
        return true;
    });

    private static async Task<int> ReportAsync(Exception exception, TextWriter error)
    {
        switch (exception)
        {
            case SnapshotValidationException invalid:
                await error.WriteLineAsync($"newsroom: invalid snapshot, nothing written ({invalid.Errors.Count} problem{(invalid.Errors.Count == 1 ? "" : "s")}):");
                await WriteLinesAsync(error, invalid.Errors);
                return Invalid;
            case HistoryImportException history:
                await error.WriteLineAsync($"newsroom: invalid history file, nothing imported ({history.Problems.Count} problem{(history.Problems.Count == 1 ? "" : "s")}):");
                await WriteLinesAsync(error, history.Problems);
                return Invalid;
            case OptionsValidationException options:
                await error.WriteLineAsync("newsroom: invalid configuration:");
                await WriteLinesAsync(error, options.Failures);
                return Invalid;
            case AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException):
                await error.WriteLineAsync("newsroom: invalid configuration:");
                // Options validated through two registrations report the same failure twice.
                await WriteLinesAsync(error, aggregate.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures).Distinct());
                return Invalid;
            case UsageException or LifecycleException:
                await error.WriteLineAsync($"newsroom: {exception.Message}");
                return Invalid;
            case InputException input:
                await error.WriteLineAsync($"newsroom: {Flag(input.Field)}: {input.Problem}");
                return Invalid;
            case SourceException source:
                await error.WriteLineAsync($"newsroom: no snapshot, nothing written: {source.Message}");
                return Failed;
            case IncompleteException:
                await error.WriteLineAsync($"newsroom: {exception.Message}");
                return Failed;
            case RenderException or FactCheckException:
                await error.WriteLineAsync($"newsroom: nothing written: {exception.Message}");
                return Failed;
            case OperationCanceledException:
                await error.WriteLineAsync("newsroom: cancelled");
                return Failed;
            default:
                await error.WriteLineAsync($"newsroom: {exception.GetType().Name}: {exception.Message}");
                return Failed;
        }
    }

    private static async Task WriteLinesAsync(TextWriter error, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await error.WriteLineAsync($"  {line}");
        }
    }
}

/// <summary>A mistake in how the command was called (a missing file, an unknown sample): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A command that stopped part-way after saying what it finished: exit code 1.</summary>
public sealed class IncompleteException(string message) : Exception(message);
