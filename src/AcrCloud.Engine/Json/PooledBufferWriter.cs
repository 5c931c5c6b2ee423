using System;
using System.Buffers;
using System.Text;

namespace AcrCloud.Engine
{
    /// <summary>Where <see cref="JsonTextWriter"/> writes: one growing buffer rented from the shared pool. A
    /// Utf8JsonWriter over a MemoryStream keeps its own growing buffer until the end and then copies it into the
    /// stream's, so JSON of a 50 MB day allocated about 250 MB of fresh, zeroed arrays before its text was made.</summary>
    internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
    {
        private const int FirstSize = 16 * 1024;
        private const long MaxLength = ApiClientOptions.MaxMaxResponseBytes;
        private byte[] _buffer;
        private int _written;

        public PooledBufferWriter()
            : this(FirstSize)
        {
        }

        /// <summary>A writer whose first buffer holds at least <paramref name="firstSize"/> bytes, for text whose
        /// size is known roughly beforehand.</summary>
        public PooledBufferWriter(int firstSize) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(firstSize, FirstSize));

        public int WrittenCount => _written;

        public ReadOnlySpan<byte> WrittenSpan => new ReadOnlySpan<byte>(_buffer, 0, _written);

        public void Advance(int count)
        {
            if (count < 0 || _written > _buffer.Length - count) throw new ArgumentOutOfRangeException(nameof(count));
            _written += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _buffer.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _buffer.AsSpan(_written);
        }

        /// <summary>The bytes written, as text.</summary>
        public string ToText() => Encoding.UTF8.GetString(_buffer, 0, _written);

        public byte[] ToArray() => WrittenSpan.ToArray();

        public void Dispose()
        {
            var buffer = _buffer;
            _buffer = Array.Empty<byte>();
            _written = 0;
            if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        }

        private void Reserve(int sizeHint)
        {
            if (_buffer.Length == 0) throw new ObjectDisposedException(nameof(PooledBufferWriter));
            var needed = Math.Max(sizeHint, 1);
            if (_buffer.Length - _written >= needed) return;

            // Doubling keeps the copies to about the final size in all, up to a byte array's limit.
            var wanted = (long)_written + needed;
            if (wanted > MaxLength) throw new InvalidOperationException("The JSON text would be larger than 2 GB.");
            var size = Math.Min(Math.Max(2L * _buffer.Length, wanted), MaxLength);
            var grown = ArrayPool<byte>.Shared.Rent((int)size);
            Buffer.BlockCopy(_buffer, 0, grown, 0, _written);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
    }
}
