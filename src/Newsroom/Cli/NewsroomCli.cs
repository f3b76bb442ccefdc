using System.CommandLine;
using Newsroom.History;
using Microsoft.Extensions.Options;
using Newsroom.Articles;
using Newsroom.Configuration;
using Newsroom.Rendering;
using Newsroom.Snapshots;
using Newsroom.Sources;
using Newsroom.Storage;

namespace Newsroom.Cli;

/// <summary>The command line. Exit codes: 0 done, 2 invalid input or configuration, 1 anything else.</summary>
public static class NewsroomCli
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Invalid = 2;

    /// <param name="configure">Extra configuration on top of appsettings.json and the environment (tests use it).</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, Action<IConfigurationBuilder>? configure = null, TextReader? input = null,
        CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Newsroom writes market-news articles from crypto-derivatives liquidation data.")
        {
            GenerateCommand.Create(output, configure),
            ServeCommand.Create(configure),
            RunsCommand.Create(output, configure),
            PruneCommand.Create(output, configure),
            ArticlesCommand.Create(output, configure),
            HistoryCommand.Create(output, configure),
            SamplesCommand.Create(output, configure),
            ApiKeyCommand.Create(output, configure),
            UserCommand.Create(input ?? Console.In, output, configure),
        };
        foreach (var command in DecisionCommands.Create(output, configure).Concat(WebhookCommands.Create(output, configure)))
        {
            root.Add(command);
        }
        var parsed = root.Parse(args);
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

    /// <summary>Builds the host a one-shot command runs in.</summary>
    internal static IHost BuildHost(Action<IConfigurationBuilder>? configure, Action<HostApplicationBuilder> addServices)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        ConfigureHost(builder, configure);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        addServices(builder);
        // Only a command that keeps articles has a database to upgrade; `samples` stores nothing and opens none.
        if (builder.Services.Any(service => service.ServiceType == typeof(Database)))
        {
            builder.Services.AddHostedService<SchemaAtStart>();
        }
        return builder.Build();
    }

    /// <summary>What every command's host shares: appsettings.json from the working directory, then user secrets, then the environment.</summary>
    internal static void ConfigureHost(IHostApplicationBuilder builder, Action<IConfigurationBuilder>? configure)
    {
        // The CoinGlass key may live in user secrets; the environment still wins over them.
        builder.Configuration.AddUserSecrets(typeof(NewsroomCli).Assembly, optional: true).AddEnvironmentVariables();
        configure?.Invoke(builder.Configuration);
        NewsroomSettings.RejectUnknownKeys(builder.Configuration);
        // Standard output belongs to the command's result (it may be JSON); logs go to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // A failed start (a bad setting) is reported once, plainly, by the command; not as a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
    }

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
