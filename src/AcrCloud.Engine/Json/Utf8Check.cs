using System.IO;
using System.Text;

namespace AcrCloud.Engine
{
    /// <summary>JSON is UTF-8, and the lazy records read their text only when a property is read: a body with bytes
    /// that are not UTF-8 is refused as a whole before any record exists, instead of failing (or turning into
    /// replacement characters) somewhere in the middle of a pipeline.</summary>
    internal static class Utf8Check
    {
        private static readonly UTF8Encoding Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>Throws <see cref="InvalidDataException"/> naming the first byte that is not UTF-8.</summary>
        public static void Ensure(byte[] body)
        {
            if (IsAscii(body)) return;
            try
            {
                _ = Strict.GetCharCount(body);
            }
            catch (DecoderFallbackException problem)
            {
                throw new InvalidDataException($"The answer is not valid UTF-8 (at byte {problem.Index:N0}).", problem);
            }
        }

        // Most answers are pure ASCII up to the first accented title; this scan is cheaper than decoding.
        private static bool IsAscii(byte[] body)
        {
            foreach (var b in body)
            {
                if (b >= 0x80) return false;
            }

            return true;
        }
    }
}
