using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AcrCloud.PowerShell
{
    /// <summary>Sums up play rows by stream, day, track or artist as they come: memory grows with the number of
    /// groups (and of distinct tracks in each), not with the rows.</summary>
    internal sealed class PlaySummary
    {
        private const int BarWidth = 20;
        private readonly AcrBmCsPlayGroup _groupBy;
        private readonly Dictionary<string, Group> _groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        private readonly List<Group> _order = new List<Group>();

        public PlaySummary(AcrBmCsPlayGroup groupBy)
        {
            _groupBy = groupBy;
        }

        public void Add(AcrBmCsPlay play)
        {
            var (key, name) = KeyOf(play);
            if (!_groups.TryGetValue(key, out var group))
            {
                group = new Group(key, name);
                _groups.Add(key, group);
                _order.Add(group);
            }

            group.Plays++;
            group.AirtimeSec += play.DurationSec ?? 0;
            if (!string.IsNullOrEmpty(play.Acrid)) group.Acrids.Add(play.Acrid!);
            if (group.First == null || play.StartUtc < group.First.StartUtc) group.First = play;
            if (group.Last == null || play.StartUtc > group.Last.StartUtc) group.Last = play;
        }

        /// <summary>The groups with the most airtime first (days in calendar order); <paramref name="top"/> keeps the
        /// groups with the most airtime.</summary>
        public IEnumerable<AcrBmCsPlaySummary> Groups(int? top)
        {
            var total = _order.Sum(group => group.AirtimeSec);
            // A stable sort: groups with the same airtime stay in the order they first came.
            IEnumerable<Group> chosen = _order.OrderByDescending(group => group.AirtimeSec);
            if (top.HasValue) chosen = chosen.Take(top.Value);
            var list = chosen.ToList();
            if (_groupBy == AcrBmCsPlayGroup.Day) list = list.OrderBy(group => group.Key, StringComparer.Ordinal).ToList();
            var largest = list.Count == 0 ? 0 : list.Max(group => group.AirtimeSec);
            return list.Select(group => new AcrBmCsPlaySummary
            {
                GroupBy = _groupBy,
                Name = group.Name,
                Plays = group.Plays,
                AirtimeSec = group.AirtimeSec,
                Airtime = TimeSpan.FromSeconds(group.AirtimeSec),
                Tracks = group.Acrids.Count,
                First = group.First!.StartLocalWithOffset(),
                Last = group.Last!.StartLocalWithOffset(),
                Share = total > 0 ? group.AirtimeSec / total : 0,
                Bar = new string('█', largest > 0 ? (int)Math.Round(BarWidth * group.AirtimeSec / largest) : 0),
            });
        }

        private (string Key, string Name) KeyOf(AcrBmCsPlay play)
        {
            switch (_groupBy)
            {
                case AcrBmCsPlayGroup.Day:
                    var day = play.StartLocal.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    return (day, day);
                case AcrBmCsPlayGroup.Track:
                    var name = string.IsNullOrEmpty(play.Artists) ? play.Title ?? "" : play.Artists + " - " + play.Title;
                    return (string.IsNullOrEmpty(play.Acrid) ? "\u0001" + name : play.Acrid!, name);
                case AcrBmCsPlayGroup.Artist:
                    return (play.Artists ?? "", play.Artists ?? "");
                default:
                    var stream = play.StreamId ?? "";
                    return ((play.ProjectId?.ToString(CultureInfo.InvariantCulture) ?? "") + "/" + stream, stream);
            }
        }

        private sealed class Group
        {
            public Group(string key, string name)
            {
                Key = key;
                Name = name;
            }

            public string Key { get; }
            public string Name { get; }
            public int Plays { get; set; }
            public double AirtimeSec { get; set; }
            public HashSet<string> Acrids { get; } = new HashSet<string>(StringComparer.Ordinal);
            public AcrBmCsPlay? First { get; set; }
            public AcrBmCsPlay? Last { get; set; }
        }
    }
}
