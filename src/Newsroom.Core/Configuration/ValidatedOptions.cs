using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Newsroom.Configuration;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from its section and validates its data annotations at start. Every failure,
    /// including an unknown key or a value of the wrong type, names the full key, e.g. "Newsroom:Rules:DominantSharePercent".
    /// </summary>
    /// <param name="rejectUnknownKeys">False for a section other features share, whose other keys are not this type's.</param>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string sectionName, bool rejectUnknownKeys = true)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new KeyedDataAnnotationsValidator<T>(sectionName));
        return services.AddOptions<T>()
            .Configure<IConfiguration>((options, configuration) => Bind(configuration, sectionName, options, rejectUnknownKeys))
            .ValidateOnStart();
    }

    private static void Bind<T>(IConfiguration configuration, string sectionName, T options, bool rejectUnknownKeys)
        where T : class
    {
        try
        {
            configuration.GetSection(sectionName).Bind(options, binder => binder.ErrorOnUnknownConfiguration = rejectUnknownKeys);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(sectionName, typeof(T), [$"{sectionName}: {e.Message}"]);
        }
    }

    private sealed class KeyedDataAnnotationsValidator<T>(string sectionName) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = new List<string>();
            Collect(options, sectionName, failures);
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        private static void Collect(object target, string path, List<string> failures)
        {
            var type = target.GetType();
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true);
            foreach (var result in results)
            {
                foreach (var member in result.MemberNames)
                {
                    // A cross-field rule names its member by path ("File:Path"); follow it to the value.
                    var value = member.Split(':').Aggregate((object?)target, (owner, name) => owner?.GetType().GetProperty(name)?.GetValue(owner));
                    // A choice among words is said as the words, not as the attribute's own message.
                    var reason = type.GetProperty(member)?.GetCustomAttributes(typeof(AllowedValuesAttribute), true).OfType<AllowedValuesAttribute>().FirstOrDefault() is { } allowed
                        ? $"must be one of: {string.Join(", ", allowed.Values)}"
                        : result.ErrorMessage;
                    failures.Add($"{path}:{member}: {Show(value)} is not allowed ({reason})");
                }
            }
            // Nested settings objects (e.g. Newsroom:Rules:Market) are validated with their own path.
            foreach (var property in type.GetProperties().Where(p => p.PropertyType.IsClass && p.PropertyType.Assembly == type.Assembly))
            {
                if (property.GetValue(target) is { } child)
                {
                    Collect(child, $"{path}:{property.Name}", failures);
                }
            }
        }

        private static string Show(object? value) => value switch
        {
            null => "(empty)",
            string s => $"\"{s}\"",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
