using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AcrCloud.Engine;

namespace AcrCloud.PowerShell
{
    /// <summary>Reads the API's Laravel-style pages: <c>{"data": [...], "links": {"next": ...}, "meta": {"current_page", "last_page"}}</c>.</summary>
    internal static class Paging
    {
        /// <summary>The items of a page's <c>data</c>: each element of a list, or the one object.</summary>
        public static IEnumerable<object?> Items(object? page)
        {
            var data = JsonValues.Get(page, "data");
            if (data is object?[] list) return list;
            return data == null ? Enumerable.Empty<object?>() : new[] { data };
        }

        /// <summary>The record a write answered with: its <c>data</c> when it has one (the documented envelope),
        /// else the answer itself, since some write answers are documented only as "the record".</summary>
        public static IEnumerable<object?> Record(object? answer)
        {
            if (answer == null) return Enumerable.Empty<object?>();
            return JsonValues.Get(answer, "data") != null ? Items(answer) : new[] { answer };
        }

        /// <summary>The next page's address: <c>links.next</c> when it is on the connection's own origin (the token
        /// goes nowhere else), else the current address with <c>page</c> = <c>meta.current_page</c> + 1 while
        /// that is at most <c>meta.last_page</c>; null on the last page.</summary>
        public static Uri? NextPage(object? page, Uri current)
        {
            var links = JsonValues.Get(page, "links");
            var meta = JsonValues.Get(page, "meta");
            var next = JsonValues.Get(links, "next") as string;
            if (!string.IsNullOrEmpty(next) && Uri.TryCreate(current, next, out var linked) && ApiClient.IsSameOrigin(linked, current))
            {
                return linked;
            }

            if (!TryGetInt(JsonValues.Get(meta, "current_page"), out var currentPage) || !TryGetInt(JsonValues.Get(meta, "last_page"), out var lastPage))
            {
                return null;
            }

            // Without meta the links alone decide; with both, a null next and current = last agree.
            if (links != null && string.IsNullOrEmpty(next) && currentPage >= lastPage) return null;
            return currentPage < lastPage ? WithQueryValue(current, "page", (currentPage + 1).ToString(CultureInfo.InvariantCulture)) : null;
        }

        private static readonly char[] QuerySeparator = { '&' };

        public static Uri WithQueryValue(Uri uri, string name, string value)
        {
            var pairs = uri.Query.TrimStart('?').Split(QuerySeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(pair => !string.Equals(Uri.UnescapeDataString(pair.Split('=')[0]), name, StringComparison.Ordinal))
                .ToList();
            pairs.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
            return new UriBuilder(uri) { Query = string.Join("&", pairs) }.Uri;
        }

        private static bool TryGetInt(object? value, out long number)
        {
            number = 0;
            return value != null && LanguagePrimitives.TryConvertTo(value, CultureInfo.InvariantCulture, out number);
        }
    }
}
