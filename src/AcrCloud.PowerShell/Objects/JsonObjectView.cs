using System.Dynamic;
using System.Linq.Expressions;
using System.Reflection;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>A JSON object from the API as PowerShell sees it: <see cref="JsonObjectAdapter"/> (registered for
    /// this type in AcrCloud.types.ps1xml) shows the JSON's properties as if it were a PSCustomObject.</summary>
    /// <remarks>It lives in the cmdlet assembly, which PowerShell loads itself, so the adapter can be matched to it by
    /// name; the JSON it reads stays in the engine. Its only public members are ToString and ToJson, so nothing
    /// but the JSON's properties shows. A runspace that has not imported the module has no adapter; member access
    /// (<c>$r.metadata.played_duration</c>) still works there, because the view answers it itself
    /// (<see cref="IDynamicMetaObjectProvider"/>), while listing properties (Format-Table, Select-Object) needs
    /// the module.</remarks>
    public class JsonObjectView : IDynamicMetaObjectProvider
    {
        private protected JsonObjectView(JsonObjectSource source)
        {
            Source = source;
        }

        internal JsonObjectSource Source { get; }

        /// <summary>The view PowerShell is given for a source.</summary>
        internal static JsonObjectView For(JsonObjectSource source) =>
            source.Shape.HasCaseTwins ? new JsonCaseTwinDictionary(source) : new JsonObjectView(source);

        /// <summary>Like a PSCustomObject: <c>@{name=value; …}</c>.</summary>
        public override string ToString() => Source.ToString();

        /// <summary>The object as compact JSON text: its JSON names (both of a pair that differs only by case),
        /// order and values, with any value set since and the properties the module added (ProjectId, StreamId).</summary>
        public string ToJson() => JsonTextWriter.Write(this);

        DynamicMetaObject IDynamicMetaObjectProvider.GetMetaObject(Expression parameter) => new Members(parameter, this);

        /// <summary>Reads and sets the JSON's properties by name, for any runspace; every other member (PSObject,
        /// Add-Member's notes, methods) is left to PowerShell.</summary>
        private sealed class Members : DynamicMetaObject
        {
            private static readonly MethodInfo TryGetMethod = typeof(Members).GetMethod(nameof(TryGet), BindingFlags.NonPublic | BindingFlags.Static)!;
            private static readonly MethodInfo TrySetMethod = typeof(Members).GetMethod(nameof(TrySet), BindingFlags.NonPublic | BindingFlags.Static)!;

            public Members(Expression expression, JsonObjectView view)
                : base(expression, BindingRestrictions.Empty, view)
            {
            }

            public override DynamicMetaObject BindGetMember(GetMemberBinder binder)
            {
                var fallback = binder.FallbackGetMember(this);
                var value = Expression.Variable(typeof(object), "value");
                var body = Expression.Block(
                    typeof(object),
                    new[] { value },
                    Expression.Condition(
                        Expression.Call(TryGetMethod, Expression.Convert(Expression, typeof(JsonObjectView)), Expression.Constant(binder.Name), value),
                        value,
                        Expression.Convert(fallback.Expression, typeof(object))));
                return new DynamicMetaObject(body, TypeRestriction().Merge(fallback.Restrictions));
            }

            public override DynamicMetaObject BindSetMember(SetMemberBinder binder, DynamicMetaObject value)
            {
                var fallback = binder.FallbackSetMember(this, value);
                var body = Expression.Condition(
                    Expression.Call(TrySetMethod, Expression.Convert(Expression, typeof(JsonObjectView)), Expression.Constant(binder.Name), Expression.Convert(value.Expression, typeof(object))),
                    Expression.Convert(value.Expression, typeof(object)),
                    Expression.Convert(fallback.Expression, typeof(object)));
                return new DynamicMetaObject(body, TypeRestriction().Merge(fallback.Restrictions));
            }

            private BindingRestrictions TypeRestriction() => BindingRestrictions.GetTypeRestriction(Expression, LimitType);

            private static bool TryGet(JsonObjectView view, string name, out object? value)
            {
                var index = view.Source.IndexOf(name);
                value = index < 0 ? null : view.Source.ValueAt(index);
                return index >= 0;
            }

            private static bool TrySet(JsonObjectView view, string name, object? value)
            {
                var index = view.Source.IndexOf(name);
                if (index < 0) return false;
                view.Source.SetValueAt(index, value);
                return true;
            }
        }
    }
}
