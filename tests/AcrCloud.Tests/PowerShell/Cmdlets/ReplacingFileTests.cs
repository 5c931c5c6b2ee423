using System;
using System.IO;
using System.Text;
using AcrCloud.PowerShell;
using Xunit;

namespace AcrCloud.Tests
{
    public sealed class ReplacingFileTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "replacing-" + Guid.NewGuid().ToString("N"));

        public ReplacingFileTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public void WritesUnderATemporaryNameInTheSameFolderUntilCommitted()
        {
            var target = Path.Combine(_folder, "a.mp3");
            using var file = ReplacingFile.Create(target);
            file.Stream.Write(new byte[] { 1, 2, 3 }, 0, 3);
            Assert.False(File.Exists(target));
            var temp = Assert.Single(Directory.GetFiles(_folder));
            Assert.StartsWith(".a.mp3.", Path.GetFileName(temp), StringComparison.Ordinal);

            var committed = file.Commit(overwriteReadOnly: false);
            Assert.Equal(target, committed.FullName);
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(target));
            Assert.Equal(new[] { target }, Directory.GetFiles(_folder));
        }

        [Fact]
        public void DiscardingLeavesNoFileAndAnExistingOneUntouched()
        {
            var target = Path.Combine(_folder, "kept.csv");
            File.WriteAllText(target, "old");
            using (var file = ReplacingFile.Create(target))
            {
                file.Stream.Write(Encoding.UTF8.GetBytes("new"), 0, 3);
            }

            Assert.Equal("old", File.ReadAllText(target));
            Assert.Equal(new[] { target }, Directory.GetFiles(_folder));
        }

        [Fact]
        public void ReplacesAReadOnlyFileOnlyWhenAllowed()
        {
            var target = Path.Combine(_folder, "locked.mp3");
            File.WriteAllText(target, "old");
            new FileInfo(target).IsReadOnly = true;
            using (var refused = ReplacingFile.Create(target))
            {
                refused.Stream.WriteByte(7);
                Assert.Throws<UnauthorizedAccessException>(() => refused.Commit(overwriteReadOnly: false));
            }

            Assert.Equal("old", File.ReadAllText(target));
            Assert.Equal(new[] { target }, Directory.GetFiles(_folder));

            using var allowed = ReplacingFile.Create(target);
            allowed.Stream.WriteByte(7);
            allowed.Commit(overwriteReadOnly: true);
            Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(target));
        }
    }
}
