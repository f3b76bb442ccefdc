using System.CommandLine;
using System.Text;
using Newsroom.Articles;
using Newsroom.Desk;

namespace Newsroom.Cli;

/// <summary><c>newsroom user add NAME --role editor|admin</c>: a desk account; the password comes from standard input, never the command line.</summary>
internal static class UserCommand
{
    public static Command Create(TextReader input, TextWriter output, Action<IConfigurationBuilder>? configure)
    {
        var name = new Argument<string>("name") { Description = "The user's sign-in name." };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}.", Required = true };
        var add = new Command("add", "Add a desk user. The password is read from standard input (typed, hidden, when it is a terminal).") { name, role };
        add.SetAction(async (parsed, cancellationToken) =>
        {
            var password = ReadPassword(input, output);
            using var host = NewsroomCli.BuildHost(configure, builder => builder.Services.AddArticleEngine().AddUsers());
            await host.StartAsync(cancellationToken);
            try
            {
                await host.Services.GetRequiredService<Users>().AddAsync(parsed.GetRequiredValue(name), parsed.GetRequiredValue(role), password, cancellationToken);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message.Split(" (Parameter")[0]);
            }
            await output.WriteLineAsync($"User \"{parsed.GetRequiredValue(name)}\" ({parsed.GetRequiredValue(role)}) added.");
            await host.StopAsync(cancellationToken);
            return NewsroomCli.Done;
        });
        return new Command("user", "Manage the editors' desk accounts.") { add };
    }

    private static string ReadPassword(TextReader input, TextWriter output)
    {
        if (!ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return input.ReadLine() ?? throw new UsageException("password: nothing on standard input");
        }
        output.Write("Password: ");
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
            {
                password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
        output.WriteLine();
        return password.ToString();
    }
}
