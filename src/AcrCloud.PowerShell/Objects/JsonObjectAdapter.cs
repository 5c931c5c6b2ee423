using System.Collections.ObjectModel;
using System.Management.Automation;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Shows a JSON object's properties to PowerShell (member access, Select-Object, Format-*, Export-Csv,
    /// ConvertTo-Json, Get-Member) as if it were a PSCustomObject; registered for the view type in AcrCloud.types.ps1xml.</summary>
    public sealed class JsonObjectAdapter : PSPropertyAdapter
    {
        internal const string GenericTypeName = "AcrCloud.JsonObject";

        public override Collection<string> GetTypeNameHierarchy(object baseObject)
        {
            var names = new Collection<string>();
            var specific = ((JsonObjectView)baseObject).Source.TypeName;
            if (specific != null) names.Add(specific);
            names.Add(GenericTypeName);
            names.Add(typeof(object).FullName!);
            return names;
        }

        public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
        {
            var view = ((JsonObjectView)baseObject).Source;
            var properties = new Collection<PSAdaptedProperty>();
            var count = view.Count;
            for (var i = 0; i < count; i++) properties.Add(new PSAdaptedProperty(view.NameAt(i), i));
            return properties;
        }

        public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName)
        {
            var view = ((JsonObjectView)baseObject).Source;
            var index = view.IndexOf(propertyName);
            return index < 0 ? null : new PSAdaptedProperty(view.NameAt(index), index);
        }

        public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

        public override bool IsSettable(PSAdaptedProperty adaptedProperty) => true;

        public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty) =>
            ((JsonObjectView)adaptedProperty.BaseObject).Source.ValueAt((int)adaptedProperty.Tag);

        public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value) =>
            ((JsonObjectView)adaptedProperty.BaseObject).Source.SetValueAt((int)adaptedProperty.Tag, value);

        public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty) =>
            ((JsonObjectView)adaptedProperty.BaseObject).Source.TypeNameAt((int)adaptedProperty.Tag);
    }
}
