using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AcrCloud.Engine
{
    /// <summary>The JSON text of an array of many items (a day of records piped to ConvertTo-AcrCloudJson), the same
    /// text <see cref="JsonTextWriter"/> writes for the list, made on the idle cores: every
    /// <see cref="BatchSize"/> items are written on a worker while the pipeline is still binding the next ones,
    /// and at the end each batch is turned into its part of the one string in parallel.</summary>
    /// <remarks>A profile of a 50 MB day showed the single-buffer way spending most of its time not in writing
    /// JSON but in touching new memory: a buffer doubled to 64 MB (each growth copied into fresh pages) and then
    /// the 100 MB string filled by one thread. Batches need no copies, and the string's pages are filled by all
    /// cores. A batch holding a value only the pipeline thread may read (see
    /// <see cref="JsonTextWriter.NeedsPipelineThread"/>) is written again there.</remarks>
    internal sealed class JsonArrayText : IDisposable
    {
        /// <summary>Items per batch: enough that a batch is worth a worker (a record is about 1 KB of text), few
        /// enough that the first batches start while the rest are still arriving.</summary>
        internal const int BatchSize = 256;

        private readonly bool _indented;
        private readonly List<Batch> _batches = new List<Batch>();
        private List<object?> _pending = new List<object?>();
        // The largest batch so far: a day's records are much alike, so the next batch's buffer starts that big
        // instead of growing through every size on the way.
        private int _batchBytes;

        public JsonArrayText(bool indented)
        {
            _indented = indented;
        }

        /// <summary>Items added so far.</summary>
        public int Count { get; private set; }

        public void Add(object? item)
        {
            _pending.Add(item);
            Count++;
            if (_pending.Count < BatchSize) return;
            var batch = new Batch(_pending);
            _pending = new List<object?>(BatchSize);
            batch.Written = Task.Run(() =>
            {
                if (batch.TryTake()) batch.Write(this, onWorker: true);
            });
            _batches.Add(batch);
        }

        /// <summary>The whole array's text. Throws what writing an item threw (ArgumentException for a value
        /// nested too deep), on the calling thread.</summary>
        public string ToText()
        {
            if (_pending.Count > 0 || _batches.Count == 0)
            {
                _batches.Add(new Batch(_pending));
                _pending = new List<object?>();
            }

            // This thread writes what no worker has begun, from the end, while the workers go on from the front;
            // waiting would only leave a core idle.
            for (var i = _batches.Count - 1; i >= 0; i--)
            {
                if (_batches[i].TryTake()) _batches[i].Write(this, onWorker: false);
            }

            foreach (var batch in _batches)
            {
                batch.Written?.Wait();
                if (batch.Refused) batch.Write(this, onWorker: false);
                batch.Failure?.Throw();
            }

            return Join();
        }

        /// <summary>One string from the batches' arrays: the first without its closing bracket, the middle ones
        /// without either bracket, the last without its opening one, separated by commas. Each batch is complete
        /// UTF-8, so each is transcoded into its own part of the string, on any core.</summary>
        private unsafe string Join()
        {
            var count = _batches.Count;
            var ends = new int[count];
            var offsets = new int[count];
            var length = 0L;
            for (var i = 0; i < count; i++)
            {
                var bytes = _batches[i].Buffer!.WrittenSpan;
                var end = bytes.Length;
                if (i < count - 1)
                {
                    end--;
                    while (end > 0 && (bytes[end - 1] == (byte)'\n' || bytes[end - 1] == (byte)'\r' || bytes[end - 1] == (byte)' ')) end--;
                }

                var start = Start(i);
                ends[i] = end;
                if (i > 0) length++;
                // At most one past int.MaxValue, and then the check below throws before it is used.
                offsets[i] = (int)length;
                fixed (byte* first = bytes) length += Encoding.UTF8.GetCharCount(first + start, end - start);
                if (length > int.MaxValue) throw new InvalidOperationException("The JSON text would be longer than a string can be.");
            }

            var text = new string('\0', (int)length);
            fixed (char* target = text)
            {
                // The string is new and not yet seen by anyone: filling it in place is what string.Create does.
                var address = (IntPtr)target;
                Parallel.For(0, count, i =>
                {
                    var chars = (char*)address + offsets[i];
                    if (i > 0) chars[-1] = ',';
                    var bytes = _batches[i].Buffer!.WrittenSpan;
                    fixed (byte* first = bytes)
                    {
                        Encoding.UTF8.GetChars(first + Start(i), ends[i] - Start(i), chars, (int)length - offsets[i]);
                    }
                });
            }

            return text;
        }

        /// <summary>Where a batch's part begins: after its opening bracket, except for the first batch.</summary>
        private static int Start(int batch) => batch > 0 ? 1 : 0;

        public void Dispose()
        {
            foreach (var batch in _batches)
            {
                // A stopped pipeline leaves batches running; their buffers go back once they are done.
                try
                {
                    batch.Written?.Wait();
                }
                catch (AggregateException)
                {
                }

                batch.Buffer?.Dispose();
            }

            _batches.Clear();
            _pending.Clear();
        }

        private sealed class Batch
        {
            private readonly List<object?> _items;
            private int _taken;

            public Batch(List<object?> items)
            {
                _items = items;
            }

            public Task? Written { get; set; }

            public PooledBufferWriter? Buffer { get; private set; }

            /// <summary>The worker met a value only the pipeline thread may read; nothing of its text is kept.</summary>
            public bool Refused { get; private set; }

            public ExceptionDispatchInfo? Failure { get; private set; }

            /// <summary>True for the one thread that is to write this batch first.</summary>
            public bool TryTake() => Interlocked.Exchange(ref _taken, 1) == 0;

            public void Write(JsonArrayText array, bool onWorker)
            {
                Buffer?.Dispose();
                Buffer = new PooledBufferWriter(Volatile.Read(ref array._batchBytes) / 8 * 9);
                Refused = false;
                try
                {
                    JsonTextWriter.WriteTo(Buffer, _items, array._indented, onWorker);
                    var written = Buffer.WrittenCount;
                    int known;
                    while (written > (known = Volatile.Read(ref array._batchBytes)) && Interlocked.CompareExchange(ref array._batchBytes, written, known) != known)
                    {
                    }
                }
                catch (JsonTextWriter.NeedsPipelineThread)
                {
                    Refused = true;
                }
                catch (Exception problem) when (problem is ArgumentException || problem is InvalidOperationException)
                {
                    Failure = ExceptionDispatchInfo.Capture(problem);
                }
            }
        }
    }
}
