using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace AcrCloud.Engine
{
    /// <summary>A JSON object read lazily: its properties in the JSON's order, each value converted only when read,
    /// once, and kept. A 50 MB day costs one scan instead of millions of PSNoteProperty objects, and a value that is
    /// read twice, or set, is the same object each time. Safe to read and write from several threads. PowerShell
    /// sees it through whatever <see cref="Present"/> makes of it (the cmdlet assembly's adapted view).</summary>
    internal sealed class JsonObjectSource
    {
        /// <summary>Turns a source into what PowerShell is given; the cmdlet assembly sets it when the module loads.</summary>
        internal static Func<JsonObjectSource, object> Present { get; set; } = source => PSObject.AsPSObject(source);

        // JsonDocument caches its last string read in a way that is not safe across threads, so every view of one
        // document shares one lock: reads of one document are serialised, different documents run in parallel.
        private readonly object _gate;
        private readonly ReadOnlyMemory<byte> _unparsed;
        private JsonElement _source;
        private bool _parsed;
        private List<Slot>? _slots;

        internal JsonObjectSource(JsonElement source, object documentGate, string? typeName = null)
        {
            _gate = documentGate;
            _source = source;
            _parsed = true;
            TypeName = typeName;
        }

        /// <summary>A view of an object's bytes, already checked to be valid JSON, parsed on first use: a record
        /// that is only counted or passed along is never parsed into a document at all.</summary>
        internal JsonObjectSource(ReadOnlyMemory<byte> validJsonObject, string? typeName = null)
        {
            _gate = new object();
            _unparsed = validJsonObject;
            TypeName = typeName;
        }

        /// <summary>A type name for formatting (for example AcrCloud.BmCsResult), ahead of the generic one.</summary>
        internal string? TypeName { get; set; }

        private sealed class Slot
        {
            public Slot(string name, JsonElement element)
            {
                Name = name;
                Element = element;
            }

            public string Name { get; }
            public JsonElement Element { get; }
            public bool HasValue { get; set; }
            public object? Value { get; set; }
        }

        private List<Slot> Slots
        {
            get
            {
                // Called under _gate.
                if (_slots == null)
                {
                    if (!_parsed)
                    {
                        _source = JsonDocument.Parse(_unparsed, JsonPSObjectConverter.DocumentOptions).RootElement;
                        _parsed = true;
                    }

                    var slots = new List<Slot>();
                    foreach (var property in _source.EnumerateObject()) slots.Add(new Slot(property.Name, property.Value));
                    if (_appended != null) slots.AddRange(_appended);
                    _appended = null;
                    _slots = slots;
                }

                return _slots;
            }
        }

        internal int Count
        {
            get
            {
                lock (_gate) return Slots.Count;
            }
        }

        internal string NameAt(int index)
        {
            lock (_gate) return Slots[index].Name;
        }

        /// <summary>The position of a property: the exact name first, then one that differs only by case; -1 if none.</summary>
        internal int IndexOf(string name)
        {
            lock (_gate)
            {
                var slots = Slots;
                for (var i = 0; i < slots.Count; i++)
                {
                    if (string.Equals(slots[i].Name, name, StringComparison.Ordinal)) return i;
                }

                for (var i = 0; i < slots.Count; i++)
                {
                    if (string.Equals(slots[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
                }

                return -1;
            }
        }

        internal object? ValueAt(int index)
        {
            lock (_gate)
            {
                var slot = Slots[index];
                if (!slot.HasValue)
                {
                    slot.Value = JsonPSObjectConverter.ToObject(slot.Element, _gate);
                    slot.HasValue = true;
                }

                return slot.Value;
            }
        }

        internal void SetValueAt(int index, object? value)
        {
            lock (_gate)
            {
                var slot = Slots[index];
                slot.Value = value;
                slot.HasValue = true;
            }
        }

        /// <summary>The .NET type a property's value has (or will have once read), for Get-Member.</summary>
        internal string TypeNameAt(int index)
        {
            lock (_gate)
            {
                var slot = Slots[index];
                if (slot.HasValue) return slot.Value?.GetType().FullName ?? typeof(object).FullName!;
                switch (slot.Element.ValueKind)
                {
                    case JsonValueKind.String: return typeof(string).FullName!;
                    case JsonValueKind.Number: return slot.Element.TryGetInt64(out _) ? typeof(long).FullName! : typeof(double).FullName!;
                    case JsonValueKind.True:
                    case JsonValueKind.False: return typeof(bool).FullName!;
                    case JsonValueKind.Array: return typeof(object[]).FullName!;
                    case JsonValueKind.Object: return typeof(PSObject).FullName!;
                    default: return typeof(object).FullName!;
                }
            }
        }

        /// <summary>Adds a property after the JSON's own (the module's ProjectId and StreamId), without parsing.</summary>
        internal void Append(string name, object? value)
        {
            lock (_gate)
            {
                var slot = new Slot(name, default) { HasValue = true, Value = value };
                if (_slots != null)
                {
                    _slots.Add(slot);
                }
                else
                {
                    (_appended ??= new List<Slot>()).Add(slot);
                }
            }
        }

        private List<Slot>? _appended;

        /// <summary>A property's value by name, or null when there is no such property.</summary>
        internal object? Get(string name)
        {
            var index = IndexOf(name);
            return index < 0 ? null : ValueAt(index);
        }

        /// <summary>Like a PSCustomObject: <c>@{name=value; …}</c>.</summary>
        public override string ToString()
        {
            var text = new StringBuilder("@{");
            var count = Count;
            for (var i = 0; i < count; i++)
            {
                if (i > 0) text.Append("; ");
                var value = ValueAt(i);
                text.Append(NameAt(i)).Append('=').Append(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.CurrentCulture) : value?.ToString());
            }

            return text.Append('}').ToString();
        }
    }
}
