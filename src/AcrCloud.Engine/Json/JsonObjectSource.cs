using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Threading;

namespace AcrCloud.Engine
{
    /// <summary>A JSON object, parsed once on the worker that fetched it: a shared <see cref="JsonShape"/> (the
    /// names and the type name) and an array of values (text, Int64, Double, Decimal, Boolean, null, object[] for
    /// arrays, and the presented form of nested objects). Reading needs no lock and no parsing, from any thread; a
    /// value that is set replaces its slot. PowerShell sees it through whatever <see cref="Present"/> makes of it
    /// (the cmdlet assembly's adapted view).</summary>
    internal sealed class JsonObjectSource
    {
        /// <summary>Turns a source into what PowerShell is given; the cmdlet assembly sets it when the module loads.</summary>
        internal static Func<JsonObjectSource, object> Present { get; set; } = source => source;

        /// <summary>The source behind a presented object, or null for any other value; set with <see cref="Present"/>.</summary>
        internal static Func<object, JsonObjectSource?> SourceOf { get; set; } = value => value as JsonObjectSource;

        private static bool IsPresented(object value) => SourceOf(value) != null;

        private JsonShape _shape;
        private object?[] _values;

        internal JsonObjectSource(JsonShape shape, object?[] values)
        {
            _shape = shape;
            _values = values;
        }

        /// <summary>A type name for formatting (for example AcrCloud.BmCsResult), ahead of the generic one; kept in
        /// the shape, which the records of a day share, rather than in each object.</summary>
        internal string? TypeName
        {
            get => Shape.TypeName;
            set
            {
                lock (this) Volatile.Write(ref _shape, Shape.WithTypeName(value));
            }
        }

        internal JsonShape Shape => Volatile.Read(ref _shape);

        internal int Count => Shape.Count;

        /// <summary>The name PowerShell shows (case twins renamed, see <see cref="JsonShape"/>).</summary>
        internal string NameAt(int index) => Shape.PropertyNames[index];

        /// <summary>The name as the JSON has it.</summary>
        internal string JsonNameAt(int index) => Shape.Names[index];

        /// <summary>The position of a property: the exact name first, then one that differs only by case; -1 if none.</summary>
        internal int IndexOf(string name) => Shape.IndexOf(name);

        /// <summary>A value as stored: nested objects in their presented form, arrays as object[] of the same.</summary>
        internal object? RawValueAt(int index)
        {
            // The shape is read first: Append writes the longer values before the longer shape.
            var count = Shape.Count;
            var values = Volatile.Read(ref _values);
            return index < count ? values[index] : null;
        }

        /// <summary>A value as PowerShell gets it: nested objects wrapped as PSObjects, so that every cmdlet (even
        /// ConvertTo-Json, which reflects over bare .NET objects) sees their properties.</summary>
        internal object? ValueAt(int index) => ForPowerShell(RawValueAt(index));

        private static object? ForPowerShell(object? value)
        {
            if (value == null || value is string) return value;
            if (value is object?[] array)
            {
                var wrapped = new object?[array.Length];
                for (var i = 0; i < array.Length; i++) wrapped[i] = ForPowerShell(array[i]);
                return wrapped;
            }

            return IsPresented(value) ? PSObject.AsPSObject(value) : value;
        }

        internal void SetValueAt(int index, object? value)
        {
            // A value set from PowerShell may be a wrapper of one of ours; stored bare like the parsed ones.
            if (value is PSObject wrapped && IsPresented(wrapped.BaseObject)) value = wrapped.BaseObject;
            lock (this) Volatile.Read(ref _values)[index] = value;
        }

        /// <summary>The .NET type a property's value has, for Get-Member.</summary>
        internal string TypeNameAt(int index)
        {
            var value = RawValueAt(index);
            if (value == null) return typeof(object).FullName!;
            return IsPresented(value) ? typeof(PSObject).FullName! : value.GetType().FullName!;
        }

        /// <summary>Adds a property after the JSON's own (the module's ProjectId and StreamId).</summary>
        internal void Append(string name, object? value) => Append(new[] { new KeyValuePair<string, object?>(name, value) });

        /// <summary>Adds several properties after the JSON's own, growing the values once for all of them.</summary>
        internal void Append(IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            lock (this)
            {
                var shape = Shape;
                var grown = new object?[shape.Count + properties.Count];
                Array.Copy(_values, grown, shape.Count);
                foreach (var property in properties)
                {
                    grown[shape.Count] = property.Value;
                    shape = shape.With(property.Key);
                }

                Volatile.Write(ref _values, grown);
                Volatile.Write(ref _shape, shape);
            }
        }

        /// <summary>A property's value as stored, by name, or null when there is no such property.</summary>
        internal object? Get(string name)
        {
            var index = IndexOf(name);
            return index < 0 ? null : RawValueAt(index);
        }

        /// <summary>Like a PSCustomObject: <c>@{name=value; …}</c>.</summary>
        public override string ToString()
        {
            var text = new StringBuilder("@{");
            var count = Count;
            for (var i = 0; i < count; i++)
            {
                if (i > 0) text.Append("; ");
                var value = RawValueAt(i);
                text.Append(NameAt(i)).Append('=').Append(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.CurrentCulture) : value?.ToString());
            }

            return text.Append('}').ToString();
        }
    }
}
