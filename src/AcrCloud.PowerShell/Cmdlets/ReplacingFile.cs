using System;
using System.IO;

namespace AcrCloud.PowerShell
{
    /// <summary>A file written under a temporary name in its target's folder and moved over the target only when
    /// complete: an error or Ctrl+C leaves no half-written file and an existing one untouched. Disposing it before
    /// <see cref="Commit"/> deletes what was written.</summary>
    internal sealed class ReplacingFile : IDisposable
    {
        private string? _temp;

        private ReplacingFile(string target, string temp, FileStream stream)
        {
            Target = target;
            _temp = temp;
            Stream = stream;
        }

        public string Target { get; }

        /// <summary>Where to write; it belongs to this object and is closed by <see cref="Commit"/> or <see cref="Dispose"/>.</summary>
        public FileStream Stream { get; }

        public static ReplacingFile Create(string target)
        {
            // The same folder keeps the final rename on one volume, where it is atomic.
            var temp = Path.Combine(Path.GetDirectoryName(target) ?? ".",
                "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            return new ReplacingFile(target, temp, new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
        }

        /// <summary>Puts the written file in place of the target. A read-only target is replaced only when
        /// <paramref name="overwriteReadOnly"/>; otherwise <see cref="UnauthorizedAccessException"/>, and the
        /// target stays as it was.</summary>
        public FileInfo Commit(bool overwriteReadOnly)
        {
            var existing = new FileInfo(Target);
            if (existing.Exists && existing.IsReadOnly)
            {
                if (!overwriteReadOnly) throw new UnauthorizedAccessException($"The file '{Target}' is read-only; -Force overwrites it.");
                existing.IsReadOnly = false;
            }

            return Commit();
        }

        /// <summary>Puts the written file in place of the target, whatever the target is (a read-only one fails as
        /// the platform refuses it).</summary>
        public FileInfo Commit()
        {
            var temp = _temp ?? throw new InvalidOperationException("The file was already committed or discarded.");
            Stream.Dispose();
            if (File.Exists(Target))
            {
                File.Replace(temp, Target, null);
            }
            else
            {
                File.Move(temp, Target);
            }

            _temp = null;
            return new FileInfo(Target);
        }

        public void Dispose()
        {
            Stream.Dispose();
            if (_temp != null && File.Exists(_temp)) File.Delete(_temp);
            _temp = null;
        }
    }
}
