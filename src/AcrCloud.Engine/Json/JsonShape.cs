using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace AcrCloud.Engine
{
    /// <summary>The property names of a JSON object, in order, shared by every object that has the same names: a
    /// day of records holds its names once, not once per record, and a record holds only its values. Shapes form a
    /// tree from <see cref="Empty"/> (one step per name), so the parser finds an object's shape while it reads the
    /// names, without building a key. A shape may also carry the type name that the objects of that shape get for
    /// formatting (AcrCloud.BmCsResult), so that each record need not hold it. Immutable once made; safe on any
    /// thread.</summary>
    internal sealed class JsonShape
    {
        // Objects with ever-new names (ids used as keys) would grow the tree without end; past these limits a
        // shape is still made, just not kept for reuse.
        private const int MaxChildren = 64;
        private const int MaxShapes = 100_000;
        private const int LinearSearchLimit = 8;
        private static int _shapeCount;

        private readonly object _gate = new object();
        private readonly Dictionary<string, int>? _exact;
        private readonly Dictionary<string, int>? _ignoringCase;
        private Transition[] _children = Array.Empty<Transition>();
        private JsonShape[] _typed = Array.Empty<JsonShape>();

        internal static readonly JsonShape Empty = new JsonShape(parent: null, name: null);

        // The same names as an existing shape under another type name: the names and lookups are shared.
        private JsonShape(string typeName, JsonShape names)
        {
            Names = names.Names;
            PropertyNames = names.PropertyNames;
            HasCaseTwins = names.HasCaseTwins;
            _exact = names._exact;
            _ignoringCase = names._ignoringCase;
            Untyped = names.Untyped;
            TypeName = typeName;
        }

        private JsonShape(JsonShape? parent, string? name)
        {
            Untyped = this;
            if (parent == null || name == null)
            {
                Names = Array.Empty<string>();
                PropertyNames = Names;
                return;
            }

            var count = parent.Names.Length + 1;
            Names = new string[count];
            Array.Copy(parent.Names, Names, count - 1);
            Names[count - 1] = name;

            // PowerShell's members ignore case, so a name that differs from an earlier one only by case ("Title"
            // after "title", as custom files have it) is shown under a name of its own: "Title_2" for the second
            // such key, "Title_3" for a third, skipping any that the object already has.
            var twin = parent.IndexOfIgnoringCase(name) >= 0 || Array.Exists(parent.PropertyNames, shown => string.Equals(shown, name, StringComparison.OrdinalIgnoreCase));
            HasCaseTwins = parent.HasCaseTwins || twin;
            PropertyNames = new string[count];
            Array.Copy(parent.PropertyNames, PropertyNames, count - 1);
            PropertyNames[count - 1] = twin ? UniqueTwinName(parent, name) : name;

            if (count > LinearSearchLimit)
            {
                _exact = new Dictionary<string, int>(count, StringComparer.Ordinal);
                _ignoringCase = new Dictionary<string, int>(count, StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < count; i++)
                {
                    if (!_exact.ContainsKey(Names[i])) _exact[Names[i]] = i;
                    if (!_ignoringCase.ContainsKey(Names[i])) _ignoringCase[Names[i]] = i;
                }

                for (var i = 0; i < count; i++)
                {
                    if (!_ignoringCase.ContainsKey(PropertyNames[i])) _ignoringCase[PropertyNames[i]] = i;
                }
            }
        }

        /// <summary>The JSON's names, in the JSON's order.</summary>
        internal string[] Names { get; }

        /// <summary>The names PowerShell is shown: the JSON's, with case twins renamed (see the constructor).</summary>
        internal string[] PropertyNames { get; }

        /// <summary>True when two of the names differ only by case.</summary>
        internal bool HasCaseTwins { get; }

        internal int Count => Names.Length;

        /// <summary>The type name the objects of this shape get ahead of the generic one, or null.</summary>
        internal string? TypeName { get; }

        // The shape with these names and no type name, which owns the typed variants.
        private JsonShape Untyped { get; }

        /// <summary>This shape's names under another type name (null for none), reused when it was made before; a
        /// name added to a typed shape (<see cref="With(string)"/>) keeps the type name.</summary>
        internal JsonShape WithTypeName(string? typeName)
        {
            if (string.Equals(typeName, TypeName, StringComparison.Ordinal)) return this;
            var owner = Untyped;
            if (typeName == null) return owner;
            foreach (var typed in Volatile.Read(ref owner._typed))
            {
                if (string.Equals(typed.TypeName, typeName, StringComparison.Ordinal)) return typed;
            }

            lock (owner._gate)
            {
                foreach (var typed in owner._typed)
                {
                    if (string.Equals(typed.TypeName, typeName, StringComparison.Ordinal)) return typed;
                }

                var shape = new JsonShape(typeName, owner);
                // A handful of record types exist; a caller inventing type names gets shapes that are not kept.
                if (owner._typed.Length < MaxChildren)
                {
                    var grown = new JsonShape[owner._typed.Length + 1];
                    Array.Copy(owner._typed, grown, owner._typed.Length);
                    grown[owner._typed.Length] = shape;
                    Volatile.Write(ref owner._typed, grown);
                }

                return shape;
            }
        }

        private JsonEncodedText[]? _encodedNames;

        /// <summary>The JSON's names, escaped once for the writer's encoder (see <see cref="JsonTextWriter"/>): a day
        /// of records writes the same few dozen names hundreds of thousands of times.</summary>
        internal JsonEncodedText[] EncodedNames
        {
            get
            {
                if (TypeName != null) return Untyped.EncodedNames;
                var encoded = Volatile.Read(ref _encodedNames);
                if (encoded != null) return encoded;
                encoded = new JsonEncodedText[Names.Length];
                for (var i = 0; i < encoded.Length; i++) encoded[i] = JsonEncodedText.Encode(Names[i], JsonTextWriter.Encoder);
                // Two threads may both build it; either array is right.
                Volatile.Write(ref _encodedNames, encoded);
                return encoded;
            }
        }

        /// <summary>This shape with one more name at the end, reused when it was made before.</summary>
        internal JsonShape With(string name)
        {
            // Only untyped shapes have children; a typed one stands for its untyped twin under a type name.
            if (TypeName != null) return Untyped.With(name).WithTypeName(TypeName);

            // Every record of a day gets the same labels appended: found without a lock or the name's bytes.
            foreach (var child in Volatile.Read(ref _children))
            {
                if (string.Equals(child.Shape.Names[child.Shape.Names.Length - 1], name, StringComparison.Ordinal)) return child.Shape;
            }

            return With(name, Encoding.UTF8.GetBytes(name));
        }

        /// <summary>The shape with one more name, found by the name's UTF-8 bytes as the reader has them
        /// (unescaped), so a name seen before costs a comparison, not a string; false when it is new here.</summary>
        [MethodImpl(HotPath.Optimized)]
        internal bool TryWith(ReadOnlySpan<byte> utf8Name, out JsonShape shape)
        {
            foreach (var child in Volatile.Read(ref _children))
            {
                if (utf8Name.SequenceEqual(child.Utf8Name))
                {
                    shape = child.Shape;
                    return true;
                }
            }

            shape = this;
            return false;
        }

        private JsonShape With(string name, byte[] utf8Name)
        {
            lock (_gate)
            {
                foreach (var child in _children)
                {
                    if (string.Equals(child.Shape.Names[child.Shape.Names.Length - 1], name, StringComparison.Ordinal)) return child.Shape;
                }

                var shape = new JsonShape(this, name);
                if (_children.Length < MaxChildren && Interlocked.Increment(ref _shapeCount) <= MaxShapes)
                {
                    var grown = new Transition[_children.Length + 1];
                    Array.Copy(_children, grown, _children.Length);
                    grown[_children.Length] = new Transition(utf8Name, shape);
                    Volatile.Write(ref _children, grown);
                }

                return shape;
            }
        }

        /// <summary>A property's position: the exact JSON name first, then a shown name or JSON name that differs
        /// only by case; -1 when there is none.</summary>
        internal int IndexOf(string name)
        {
            if (_exact != null)
            {
                if (_exact.TryGetValue(name, out var found)) return found;
                return _ignoringCase!.TryGetValue(name, out found) ? found : -1;
            }

            var names = Names;
            for (var i = 0; i < names.Length; i++)
            {
                if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
            }

            var index = IndexOfIgnoringCase(name);
            if (index >= 0 || !HasCaseTwins) return index;
            var shown = PropertyNames;
            for (var i = 0; i < shown.Length; i++)
            {
                if (string.Equals(shown[i], name, StringComparison.OrdinalIgnoreCase)) return i;
            }

            return -1;
        }

        private int IndexOfIgnoringCase(string name)
        {
            var names = Names;
            for (var i = 0; i < names.Length; i++)
            {
                if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
            }

            return -1;
        }

        private static string UniqueTwinName(JsonShape earlier, string name)
        {
            for (var n = 2; ; n++)
            {
                var candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var taken = false;
                foreach (var shown in earlier.PropertyNames)
                {
                    if (string.Equals(shown, candidate, StringComparison.OrdinalIgnoreCase)) taken = true;
                }

                if (!taken) return candidate;
            }
        }

        private sealed class Transition
        {
            public Transition(byte[] utf8Name, JsonShape shape)
            {
                Utf8Name = utf8Name;
                Shape = shape;
            }

            public byte[] Utf8Name { get; }
            public JsonShape Shape { get; }
        }
    }
}
