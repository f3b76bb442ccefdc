using BenchmarkDotNet.Running;
using Newsroom.Benchmarks;

if (args is [ApiThroughput.Command])
{
    return await ApiThroughput.RunAsync(CancellationToken.None);
}
BenchmarkSwitcher.FromAssembly(typeof(ApiThroughput).Assembly).Run(args);
return 0;
