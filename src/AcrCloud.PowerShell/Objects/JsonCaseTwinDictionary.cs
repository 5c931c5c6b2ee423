using System;
using System.Collections;
using System.Diagnostics.CodeAnalysis;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>The view of a JSON object with keys that differ only by case (custom files' <c>title</c> and
    /// <c>Title</c>). PowerShell's members ignore case, so the adapter shows the later key under another name
    /// (<c>Title_2</c>); as a dictionary, the object also gives ConvertTo-Json (and any code that reads it as a
    /// dictionary) every key exactly as the API sent it.</summary>
    [SuppressMessage("Design", "CA1010", Justification = "ConvertTo-Json and the PowerShell binder read the non-generic IDictionary; a generic one adds nothing for them.")]
    public sealed class JsonCaseTwinDictionary : JsonObjectView, IDictionary
    {
        internal JsonCaseTwinDictionary(JsonObjectSource source)
            : base(source)
        {
        }

        int ICollection.Count => Source.Count;

        bool ICollection.IsSynchronized => false;

        object ICollection.SyncRoot => this;

        bool IDictionary.IsFixedSize => false;

        bool IDictionary.IsReadOnly => false;

        ICollection IDictionary.Keys
        {
            get
            {
                var names = new string[Source.Count];
                for (var i = 0; i < names.Length; i++) names[i] = Source.JsonNameAt(i);
                return names;
            }
        }

        ICollection IDictionary.Values
        {
            get
            {
                var values = new object?[Source.Count];
                for (var i = 0; i < values.Length; i++) values[i] = Source.ValueAt(i);
                return values;
            }
        }

        object? IDictionary.this[object key]
        {
            get
            {
                var index = key is string name ? Source.IndexOf(name) : -1;
                return index < 0 ? null : Source.ValueAt(index);
            }

            set
            {
                var index = key is string name ? Source.IndexOf(name) : -1;
                if (index < 0) throw new NotSupportedException("A JSON object from the API takes new values for its own properties only; use Add-Member to add one.");
                Source.SetValueAt(index, value);
            }
        }

        void IDictionary.Add(object key, object? value) => throw new NotSupportedException("Use Add-Member to add a property.");

        void IDictionary.Clear() => throw new NotSupportedException("The properties of a JSON object from the API cannot be removed.");

        bool IDictionary.Contains(object key) => key is string name && Source.IndexOf(name) >= 0;

        void IDictionary.Remove(object key) => throw new NotSupportedException("The properties of a JSON object from the API cannot be removed.");

        void ICollection.CopyTo(Array array, int index)
        {
            for (var i = 0; i < Source.Count; i++) array.SetValue(new DictionaryEntry(Source.JsonNameAt(i), Source.ValueAt(i)), index + i);
        }

        IDictionaryEnumerator IDictionary.GetEnumerator() => new Entries(Source);

        IEnumerator IEnumerable.GetEnumerator() => new Entries(Source);

        private sealed class Entries : IDictionaryEnumerator
        {
            private readonly JsonObjectSource _source;
            private int _index = -1;

            public Entries(JsonObjectSource source)
            {
                _source = source;
            }

            public DictionaryEntry Entry => new DictionaryEntry(_source.JsonNameAt(_index), _source.ValueAt(_index));

            public object Key => _source.JsonNameAt(_index);

            public object? Value => _source.ValueAt(_index);

            public object Current => Entry;

            public bool MoveNext() => ++_index < _source.Count;

            public void Reset() => _index = -1;
        }
    }
}
