using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CognitoMock.Storage;

/// <summary>
/// What a data file must be before LiteDB may open it. LiteDB 5.0.21 takes whatever it is given for a database
/// of its own and makes it fit: it writes a new database over a file shorter than a page, cuts a longer one to
/// whole pages even when it then fails, and replays a log of any bytes into the data file (a text file as the
/// log grew one to 16 TB). So the store first reads the file and its log, writing nothing, and lets LiteDB have
/// only a missing or empty file, which LiteDB makes new, or a whole LiteDB 5 data file with a LiteDB log. Anything
/// else is refused untouched, with the reason.
/// </summary>
/// <remarks>
/// The layout, from LiteDB 5's source (Engine/Pages/HeaderPage.cs and BasePage.cs, Engine/Disk/Streams/AesStream.cs):
/// <list type="bullet">
/// <item>The file is pages of 8192 bytes. Each page starts with its page ID (bytes 0-3) and its type (byte 4: 0
/// empty, 1 header, 2 collection, 3 index, 4 data).</item>
/// <item>Page 0 is the header: bytes 32-58 are "** This is a LiteDB file **", byte 59 the file format version
/// (8 for LiteDB 5), bytes 64-67 the ID of the last page the file holds.</item>
/// <item>With a password, a page of LiteDB's own comes first: byte 0 is 1, bytes 1-16 a salt, bytes 32-63 32 ones
/// encrypted, so that a wrong password shows. The pages follow it, each encrypted with AES-256 in ECB mode, keyed
/// by PBKDF2 (HMAC-SHA1, 1,000 rounds) of the password and that salt.</item>
/// <item>The log beside it, name-log.ext, is pages of the same kinds, after a salt page of its own when encrypted.</item>
/// </list>
/// </remarks>
public static class DataFile
{
    private const int PageSize = 8192;
    private const int SaltSize = 16;
    private const byte LiteDb5Version = 8;

    private static readonly byte[] Signature = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    /// <summary>Whether there is no data at <paramref name="path"/> yet: no file, or an empty one, which opening makes a new database.</summary>
    public static bool IsNew(string path)
    {
        var target = Target(Path.GetFullPath(path), out _);
        return target is not null && !Directory.Exists(target) && (!File.Exists(target) || new FileInfo(target).Length == 0);
    }

    /// <summary>Refuses, before LiteDB sees them, a data file or log that LiteDB would take for its own and change.</summary>
    /// <exception cref="DataFileUnreadableException">The file or its log is not one to hand to LiteDB, with the reason.</exception>
    internal static void Check(string path, string? password)
    {
        var data = Path.GetFullPath(path);
        var log = Path.Combine(Path.GetDirectoryName(data)!, Path.GetFileNameWithoutExtension(data) + "-log" + Path.GetExtension(data));
        var it = Subject(data, data, "it", out var dataTarget);
        var itsLog = Subject(data, log, $"its log {log}", out var logTarget);
        using var dataFile = OpenIfFile(data, dataTarget, it);
        using var logFile = OpenIfFile(data, logTarget, itsLog);
        var logLength = logFile is null ? 0 : RandomAccess.GetLength(logFile);
        var contents = dataFile is null ? Contents.None : CheckData(data, it, dataFile, logLength > 0, password);
        if (logFile is not null && logLength > 0)
        {
            CheckLog(data, it, itsLog, logFile, logLength, contents, password);
        }
    }

    /// <summary>What a data file holds, as far as it can be read without its password.</summary>
    private enum Contents
    {
        /// <summary>Nothing: LiteDB writes a new database.</summary>
        None,

        Plain,

        /// <summary>Encrypted, and the password opens it.</summary>
        Encrypted,

        /// <summary>Encrypted, and the password is not its own: LiteDB refuses it at once, touching nothing.</summary>
        Locked,
    }

    /// <param name="data">The data file's path, as the message names it.</param>
    /// <param name="it">How the message names the file.</param>
    /// <param name="file">The file, open for reading.</param>
    /// <param name="password">The configured DataPassword, if any.</param>
    /// <param name="logHoldsPages">
    /// Whether the log holds pages. A checkpoint killed while it adds a page to the end of the data file can leave
    /// that page part-written; LiteDB writes it again from the log, which still holds it. Without a log, a file
    /// of part pages was cut.
    /// </param>
    private static Contents CheckData(string data, string it, SafeFileHandle file, bool logHoldsPages, string? password)
    {
        var length = RandomAccess.GetLength(file);
        if (length == 0)
        {
            return Contents.None;
        }

        if (length % PageSize != 0 && !logHoldsPages)
        {
            throw Refuse(data, StartsWithSignature(file)
                ? $"{it} is not a whole LiteDB file ({length} bytes is not a whole number of {PageSize}-byte pages)"
                : $"{it} {NotLiteDb}");
        }

        var first = new byte[PageSize];
        ReadAt(file, first, 0);

        // A plain file begins with its header page, whose ID is 0; an encrypted one with LiteDB's salt page, marked 1.
        switch (first[0])
        {
            case 0:
                CheckHeader(data, it, first, pages: length / PageSize);
                return Contents.Plain;
            case 1 when length < 2 * PageSize:
                throw Refuse(data, $"{it} is not a whole LiteDB file (an encrypted file of {length} bytes has no header page after its salt page)");
            case 1 when password is null:
                throw Refuse(data, $"{it} is encrypted, and CognitoMock:DataPassword is not set");
            case 1:
                using (var aes = Cipher(first, password))
                {
                    if (aes is null)
                    {
                        return Contents.Locked;
                    }

                    var header = new byte[HeaderBytes];
                    ReadAt(file, header, PageSize);
                    CheckHeader(data, it, aes.DecryptEcb(header, PaddingMode.None), pages: length / PageSize - 1);
                    return Contents.Encrypted;
                }

            default:
                throw Refuse(data, $"{it} {NotLiteDb}");
        }
    }

    /// <summary>How much of a page the check reads: through the header's last page ID, in whole AES blocks.</summary>
    private const int HeaderBytes = 80;

    private static void CheckHeader(string data, string it, ReadOnlySpan<byte> header, long pages)
    {
        if (!IsHeader(header))
        {
            throw Refuse(data, $"{it} {NotLiteDb}");
        }

        if (header[59] != LiteDb5Version)
        {
            throw Refuse(data, $"{it} is a LiteDB file of format version {header[59]}; LiteDB 5 reads version {LiteDb5Version}");
        }

        // A fresh file is its header page alone, and so is the file of a server killed before its first
        // checkpoint, whose pages are all in the log: only a header that counts more pages than the file holds
        // shows that the file was cut. A checkpoint writes the header page after the pages it counts.
        var lastPage = BinaryPrimitives.ReadUInt32LittleEndian(header[64..]);
        if (lastPage >= pages)
        {
            throw Refuse(data, $"{it} is not a whole LiteDB file (its header counts {lastPage + 1L} pages, but it holds {pages})");
        }
    }

    private const string NotLiteDb = "is not a LiteDB file (it does not begin with a LiteDB header page)";

    private static bool IsHeader(ReadOnlySpan<byte> page) =>
        page.Length >= HeaderBytes
        && BinaryPrimitives.ReadUInt32LittleEndian(page) == 0
        && page[4] == 1
        && page.Slice(32, Signature.Length).SequenceEqual(Signature);

    private static bool StartsWithSignature(SafeFileHandle file)
    {
        var start = new byte[HeaderBytes];
        return ReadAt(file, start, 0) == HeaderBytes && IsHeader(start);
    }

    /// <summary>
    /// LiteDB replays the log's committed pages into the data file when it opens it, wherever their page IDs
    /// point, and cuts a part page off its end, so the log is checked page by page, that part page too: each
    /// must be a LiteDB page, and a header page a LiteDB 5 one.
    /// </summary>
    private static void CheckLog(string data, string it, string itsLog, SafeFileHandle file, long length, Contents contents, string? password)
    {
        switch (contents)
        {
            case Contents.None:
                throw Refuse(data, $"{it} is missing or empty, but {itsLog} is not; remove the log too to start a new data file");
            case Contents.Locked:
                return;
        }

        using var aes = contents == Contents.Encrypted ? LogCipher(file, length, password!) : null;
        if (contents == Contents.Encrypted && aes is null)
        {
            throw Refuse(data, $"{itsLog} is not a LiteDB log of this file (it is not encrypted with its password)");
        }

        var page = new byte[HeaderBytes];
        for (var position = aes is null ? 0L : PageSize; position < length; position += PageSize)
        {
            var read = ReadAt(file, page, position);
            if (read < HeaderBytes || !IsLogPage(aes is null ? page : aes.DecryptEcb(page, PaddingMode.None), page))
            {
                throw Refuse(data, $"{itsLog} is not a LiteDB log (its page at byte {position} is not a LiteDB page)");
            }
        }
    }

    /// <summary>
    /// A page LiteDB may replay: an empty, collection, index or data page, or a LiteDB 5 header page. A page that
    /// starts with 16 zero bytes is one LiteDB skips as blank.
    /// </summary>
    private static bool IsLogPage(ReadOnlySpan<byte> page, ReadOnlySpan<byte> stored) =>
        !stored[..16].ContainsAnyExcept((byte)0)
        || page[4] is 0 or (> 1 and <= 4)
        || (IsHeader(page) && page[59] == LiteDb5Version);

    private static Aes? LogCipher(SafeFileHandle file, long length, string password)
    {
        if (length < PageSize)
        {
            return null;
        }

        var first = new byte[PageSize];
        ReadAt(file, first, 0);
        return first[0] == 1 ? Cipher(first, password) : null;
    }

    /// <summary>The cipher of an encrypted file's pages, from its salt page, or null when the password is not its own.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "LiteDB 5's key derivation, read to check its files, not chosen here.")]
    [SuppressMessage("Security", "CA5358:Review cipher mode usage with cryptography experts", Justification = "LiteDB 5 encrypts each page in ECB mode; the check only reads them.")]
    private static Aes? Cipher(byte[] saltPage, string password)
    {
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), saltPage.AsSpan(1, SaltSize), 1000, HashAlgorithmName.SHA1, 32);
        var aes = Aes.Create();
        aes.Key = key;
        if (aes.DecryptEcb(saltPage.AsSpan(32, 32), PaddingMode.None).AsSpan().ContainsAnyExcept((byte)1))
        {
            aes.Dispose();
            return null;
        }

        return aes;
    }

    /// <summary>
    /// Opens the file, when it is one, to read it, asking for write access too, as LiteDB will: a file that cannot
    /// be written is refused here, with the reason, rather than where LiteDB first writes to it.
    /// </summary>
    private static SafeFileHandle? OpenIfFile(string data, string target, string subject)
    {
        if (Directory.Exists(target))
        {
            throw Refuse(data, $"{subject} is a directory");
        }

        if (!File.Exists(target))
        {
            return null;
        }

        try
        {
            return File.OpenHandle(target, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Refuse(data, $"{subject} cannot be opened for reading and writing (access denied)", e);
        }
        catch (IOException e)
        {
            throw Refuse(data, $"{subject} cannot be opened for reading and writing ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>Reads from <paramref name="offset"/> until the buffer is full or the file ends; the rest stays zero.</summary>
    private static int ReadAt(SafeFileHandle file, byte[] buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length && RandomAccess.Read(file, buffer.AsSpan(total), offset + total) is > 0 and var read)
        {
            total += read;
        }

        return total;
    }

    /// <summary>How the messages name a file: <paramref name="name"/>, or, for a symbolic link, the file it leads to as well.</summary>
    private static string Subject(string data, string path, string name, out string target)
    {
        target = Target(path, out var problem) ?? throw Refuse(data, $"{name} is a symbolic link that cannot be followed ({problem})");
        return target == path ? name : $"{name} links to {target}, which";
    }

    /// <summary>The file a path leads to, through any symbolic links, or null with the problem when a link cannot be followed.</summary>
    private static string? Target(string path, out string? problem)
    {
        problem = null;
        if (!Path.Exists(path))
        {
            return path;
        }

        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException e)
        {
            problem = e.Message.TrimEnd('.');
            return null;
        }
    }

    private static DataFileUnreadableException Refuse(string data, string why, Exception? cause = null) =>
        new(data, new IOException(why + ".", cause));
}
