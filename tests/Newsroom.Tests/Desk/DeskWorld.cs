using Newsroom.Desk;
using Newsroom.Sources;

namespace Newsroom.Tests.Desk;

/// <summary>What every desk test starts from: the long-squeeze drafts, an editor "alice", and the real host serving them.</summary>
internal static class DeskWorld
{
    public const string Editor = "alice";
    public const string Password = "correct horse battery staple";

    public static async Task<(Workspace Workspace, ServedHost Host)> StartAsync(params (string Key, string Value)[] settings)
    {
        var workspace = new Workspace();
        await workspace.Generator().GenerateAsync(SampleSnapshots.Read("long-squeeze"));
        await new Users(workspace.Database, TimeProvider.System).AddAsync(Editor, Roles.Editor, Password, CancellationToken.None);
        return (workspace, await ServedHost.StartAsync(workspace, settings));
    }
}
