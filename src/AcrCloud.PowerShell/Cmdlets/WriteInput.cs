using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Management.Automation;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Checks what the write cmdlets are about to send, so bad input is refused before any request, and
    /// builds their JSON bodies with only the fields that were given.</summary>
    internal static class WriteInput
    {
        public static readonly string[] StreamUrlSchemes = { "http", "https", "rtmp", "rtsp" };

        private static readonly char[] TemplateSeparators = { ',', ';', '\n' };

        public static ErrorRecord? CheckName(string? name, string parameter, object? target) =>
            name != null && string.IsNullOrWhiteSpace(name) ? AcrCloudErrors.EmptyName(parameter, target) : null;

        public static ErrorRecord? CheckStreamUrls(IEnumerable<string>? urls, object? target)
        {
            if (urls == null) return null;
            foreach (var url in urls)
            {
                var ok = Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed)
                    && StreamUrlSchemes.Contains(parsed.Scheme, StringComparer.OrdinalIgnoreCase)
                    && !string.IsNullOrEmpty(parsed.Host);
                if (!ok) return AcrCloudErrors.InvalidStreamUrl(url ?? string.Empty, target);
            }

            return null;
        }

        /// <summary>Keys of <paramref name="userDefined"/> that the template does not name; nothing to check when the
        /// template is unknown (null).</summary>
        public static ErrorRecord? CheckUserDefined(IDictionary? userDefined, IReadOnlyCollection<string>? templateFields, int projectId, object? target)
        {
            if (userDefined == null || templateFields == null) return null;
            var unknown = userDefined.Keys.Cast<object>().Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)
                .Where(k => !templateFields.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
            return unknown.Count == 0 ? null : AcrCloudErrors.UnknownUserDefinedField(unknown, projectId, templateFields, target);
        }

        /// <summary>The field names of a project's <c>metadata_template</c>. Its shape is undocumented, so a list of
        /// names, an object (its keys) and a string of names separated by commas are all read; null when the
        /// project has none, as then there is nothing to check against.</summary>
        public static IReadOnlyCollection<string>? TemplateFields(object? template)
        {
            var value = template is PSObject wrapped ? wrapped.BaseObject : template;
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    var names = text.Split(TemplateSeparators, StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
                    return names.Count == 0 ? null : names;
                case JsonObjectView _:
                case PSCustomObject _:
                    // Read through PowerShell's view of the object (this runs on the pipeline thread).
                    var keys = PSObject.AsPSObject(template!).Properties.Select(p => p.Name).ToList();
                    return keys.Count == 0 ? null : keys;
                case IDictionary dictionary:
                    return dictionary.Count == 0 ? null : dictionary.Keys.Cast<object>().Select(k => k.ToString()!).ToList();
                case IEnumerable items:
                    var listed = new List<string>();
                    foreach (var item in items)
                    {
                        var name = item as string ?? JsonValues.Get(item, "name") as string ?? JsonValues.Get(item, "key") as string;
                        if (!string.IsNullOrWhiteSpace(name)) listed.Add(name!);
                    }

                    return listed.Count == 0 ? null : listed;
                default:
                    return null;
            }
        }

        /// <summary>A JSON object body of the fields that are not null, in the order given.</summary>
        public static byte[]? Body(params (string Name, object? Value)[] fields)
        {
            var body = new OrderedDictionary();
            foreach (var (name, value) in fields)
            {
                if (value != null) body[name] = value;
            }

            return body.Count == 0 ? null : JsonTextWriter.Serialize(body);
        }
    }
}
