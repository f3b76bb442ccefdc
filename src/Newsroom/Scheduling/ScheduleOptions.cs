using System.ComponentModel.DataAnnotations;
using Quartz;

namespace Newsroom.Scheduling;

public sealed class ScheduleOptions : IValidatableObject
{
    public const string SectionName = "Newsroom:Schedule";

    /// <summary>A Quartz cron expression, in UTC, seconds first: every five minutes by default.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Cron { get; init; } = "0 */5 * * * ?";

    /// <summary>When <c>serve</c> prunes what Newsroom:Retention no longer keeps (Quartz cron, UTC): daily at 03:30 by default.</summary>
    [Required(AllowEmptyStrings = false)]
    public string PruneCron { get; init; } = "0 30 3 * * ?";

    /// <summary>Cluster name: every <c>serve</c> sharing one PostgreSQL database and this name is one scheduler.</summary>
    [Required(AllowEmptyStrings = false)]
    public string InstanceName { get; init; } = "newsroom";

    /// <summary>How often a clustered node checks in; a node silent for longer has its runs recovered by another.</summary>
    [Range(1, 600)]
    public int ClusterCheckinSeconds { get; init; } = 7;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, cron) in new[] { (nameof(Cron), Cron), (nameof(PruneCron), PruneCron) }.Where(setting => !CronExpression.TryParse(setting.Item2, out _)))
        {
            yield return new ValidationResult("not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 */5 * * * ?\")", [name]);
        }
    }
}
