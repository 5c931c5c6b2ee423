using System.Collections;
using System.Management.Automation;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Reads a property of a converted JSON value from C#, on any thread: straight from the view, so it
    /// does not depend on PowerShell's type adapters (which only a runspace's own thread has).</summary>
    internal static class JsonValues
    {
        /// <summary>The view of a converted JSON object, bare or wrapped; null for anything else.</summary>
        public static JsonObjectView? ViewOf(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) as JsonObjectView;

        public static object? Get(object? value, string name)
        {
            var target = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (target)
            {
                case JsonObjectView view:
                    return view.Source.Get(name);
                case JsonObjectSource source:
                    return source.Get(name);
                case IDictionary dictionary:
                    if (dictionary.Contains(name)) return dictionary[name];
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (string.Equals(entry.Key as string, name, System.StringComparison.OrdinalIgnoreCase)) return entry.Value;
                    }

                    return null;
                case PSCustomObject _:
                    return ((PSObject)value!).Properties[name]?.Value;
                default:
                    return null;
            }
        }

        /// <summary>Adds a property after the JSON's own (the module's ProjectId, say) to a converted object.</summary>
        public static void Append(object? value, string name, object? propertyValue)
        {
            var target = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (target)
            {
                case JsonObjectView view:
                    view.Source.Append(name, propertyValue);
                    break;
                case IDictionary dictionary:
                    dictionary[name] = propertyValue;
                    break;
                case PSCustomObject _:
                    ((PSObject)value!).Properties.Add(new PSNoteProperty(name, propertyValue));
                    break;
            }
        }
    }
}
