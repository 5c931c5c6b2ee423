namespace AcrCloud.PowerShell
{
    /// <summary>The HTTP methods the console API uses.</summary>
    public enum AcrCloudHttpMethod
    {
        Get,
        Post,
        Put,
        Patch,
        Delete,
    }
}
