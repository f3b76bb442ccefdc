using Newsroom.Cli;

return await NewsroomCli.RunAsync(args, Console.Out, Console.Error);
