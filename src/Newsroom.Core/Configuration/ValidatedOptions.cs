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
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string sectionName)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new KeyedDataAnnotationsValidator<T>(sectionName));
        return services.AddOptions<T>()
            .Configure<IConfiguration>((options, configuration) => Bind(configuration, sectionName, options))
            .ValidateOnStart();
    }

    private static void Bind<T>(IConfiguration configuration, string sectionName, T options)
        where T : class
    {
        try
        {
            configuration.GetSection(sectionName).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
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
                    var value = type.GetProperty(member)?.GetValue(target);
                    failures.Add($"{path}:{member}: {Show(value)} is not allowed ({result.ErrorMessage})");
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
