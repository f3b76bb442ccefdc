using Newsroom.Configuration;
using Newsroom.Storage;
using Quartz;

namespace Newsroom.Scheduling;

public static class SchedulingServices
{
    /// <summary>
    /// The Quartz scheduler running <see cref="GenerateJob"/> on Newsroom:Schedule:Cron and <see cref="PruneJob"/> on PruneCron. On PostgreSQL it uses Quartz's
    /// clustered ADO job store in the same database, so several <c>serve</c> processes fire each trigger once between them.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ScheduleOptions>(ScheduleOptions.SectionName);
        // Registered ahead of the scheduler, so a schedule the sources cannot keep up with stops start-up first.
        services.AddHostedService<SourceScheduleCheck>();
        // Read here because Quartz is configured before the container exists; the same values are validated at start.
        var schedule = configuration.GetSection(ScheduleOptions.SectionName).Get<ScheduleOptions>() ?? new ScheduleOptions();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = schedule.InstanceName);
            quartz.AddJob<GenerateJob>(job => job.WithIdentity(GenerateJob.Key).StoreDurably().RequestRecovery());
            quartz.AddJob<PruneJob>(job => job.WithIdentity(PruneJob.Key).StoreDurably());
            var defaults = new ScheduleOptions();
            foreach (var (job, cron, fallback) in new[] { (GenerateJob.Key, schedule.Cron, defaults.Cron), (PruneJob.Key, schedule.PruneCron, defaults.PruneCron) })
            {
                quartz.AddTrigger(trigger => trigger
                    .ForJob(job)
                    .WithIdentity($"{job.Name}-on-schedule", "newsroom")
                    .WithCronSchedule(CronExpression.TryParse(cron, out _) ? cron : fallback, builder => builder
                        .InTimeZone(TimeZoneInfo.Utc)
                        // After downtime, one catch-up fire now rather than one per missed fire.
                        .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }
            if (storage.Provider == StorageOptions.Postgres && !string.IsNullOrWhiteSpace(storage.ConnectionString))
            {
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(storage.ConnectionString);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(schedule.ClusterCheckinSeconds);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(schedule.ClusterCheckinSeconds * 2);
                    });
                    store.ProvisionSchema();
                });
            }
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>The shortest gap between the next few fires (cron schedules can be irregular).</summary>
    internal static TimeSpan ShortestGap(string cron)
    {
        if (!CronExpression.TryParse(cron, out var expression))
        {
            return TimeSpan.MaxValue; // reported by ScheduleOptions itself
        }
        var fires = new List<DateTimeOffset>();
        for (var at = DateTimeOffset.UtcNow; fires.Count < 10 && expression.GetNextValidTimeAfter(at) is { } next; at = next)
        {
            fires.Add(next);
        }
        return fires.Zip(fires.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.MaxValue).Min();
    }
}
