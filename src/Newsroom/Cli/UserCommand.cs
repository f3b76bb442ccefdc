using System.CommandLine;
using System.Text;
using Newsroom.Desk;
using Newsroom.Runs;

namespace Newsroom.Cli;

/// <summary><c>newsroom user add|list|passwd|unlock|remove</c>: desk accounts; a password comes from standard input, never the command line.</summary>
internal static class UserCommand
{
    public static Command Create(TextReader input, TextWriter output, NewsroomHost root)
    {
        var name = new Argument<string>("name") { Description = "The user's sign-in name." };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}.", Required = true };
        var add = new Command("add", "Add a desk user. The password is read from standard input (typed, hidden, when it is a terminal).") { name, role };
        add.SetAction((parsed, token) => RunAsync(root, async users =>
        {
            var password = ReadPassword(input, output);
            await NewsroomCli.AsUsage(() => users.AddAsync(parsed.GetRequiredValue(name), parsed.GetRequiredValue(role), password, token));
            await output.WriteLineAsync($"User \"{parsed.GetRequiredValue(name)}\" ({parsed.GetRequiredValue(role)}) added.");
        }, token));

        var list = new Command("list", "Every desk user: role, added, locked until (UTC); never a password.");
        list.SetAction((parsed, token) => RunAsync(root, async users =>
        {
            foreach (var user in await users.ListAsync(token))
            {
                var locked = user.LockedUntil is { } until ? FormattableString.Invariant($"  locked until {until:yyyy-MM-dd HH:mm}") : "";
                await output.WriteLineAsync(FormattableString.Invariant($"{user.Name}  {user.Role}  added {user.CreatedAt:yyyy-MM-dd HH:mm}{locked}"));
            }
        }, token));

        var existing = new Argument<string>("name") { Description = "The user's sign-in name, as `user list` shows it." };
        var passwd = new Command("passwd", "Set a user's password (read from standard input); their sessions end and any lockout is lifted.") { existing };
        passwd.SetAction((parsed, token) => RunAsync(root, async users =>
        {
            var password = ReadPassword(input, output);
            Found(parsed.GetRequiredValue(existing), await NewsroomCli.AsUsage(() => users.SetPasswordAsync(parsed.GetRequiredValue(existing), password, token)));
            await output.WriteLineAsync($"User \"{parsed.GetRequiredValue(existing)}\": password set, sessions ended.");
        }, token));
        var unlock = new Command("unlock", "Lift a user's lockout before it runs out.") { existing };
        unlock.SetAction((parsed, token) => RunAsync(root, async users =>
        {
            Found(parsed.GetRequiredValue(existing), await users.UnlockAsync(parsed.GetRequiredValue(existing), token));
            await output.WriteLineAsync($"User \"{parsed.GetRequiredValue(existing)}\" unlocked.");
        }, token));
        var remove = new Command("remove", "Remove a user; their sessions end at once.") { existing };
        remove.SetAction((parsed, token) => RunAsync(root, async users =>
        {
            Found(parsed.GetRequiredValue(existing), await users.RemoveAsync(parsed.GetRequiredValue(existing), token));
            await output.WriteLineAsync($"User \"{parsed.GetRequiredValue(existing)}\" removed.");
        }, token));
        return new Command("user", "Manage the editors' desk accounts.") { add, list, passwd, unlock, remove };
    }

    private static void Found(string name, bool found)
    {
        if (!found)
        {
            throw new UsageException($"NAME: no user named \"{name}\" (see `user list`)");
        }
    }

    private static async Task<int> RunAsync(NewsroomHost root, Func<Users, Task> action, CancellationToken cancellationToken)
    {
        using var host = root.Command(services => services.AddArticleEngine().AddUsers());
        await host.StartAsync(cancellationToken);
        await action(host.Services.GetRequiredService<Users>());
        await host.StopAsync(cancellationToken);
        return NewsroomCli.Done;
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
