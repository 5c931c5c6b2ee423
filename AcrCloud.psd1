# The source manifest. build.ps1 stamps ModuleVersion from Directory.Build.props, and ReleaseNotes from CHANGELOG.md,
# into the copy it ships in out/AcrCloud.
@{
    RootModule             = 'AcrCloud.dll'
    ModuleVersion          = '0.0.0'
    GUID                   = '2bdf76d0-b91d-4de2-ab5b-f5b77d1b84e7'
    Author                 = 'AcrCloud for PowerShell contributors'
    CompanyName            = 'AcrCloud for PowerShell contributors'
    Copyright              = '(c) 2026 AcrCloud for PowerShell contributors. MIT licence.'
    Description            = 'Broadcast monitoring results from the ACRCloud console API v2: what was played, when and for how long, on your radio streams, as PowerShell objects.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    TypesToProcess         = @('AcrCloud.types.ps1xml')
    CmdletsToExport        = @(
        'Connect-AcrCloud'
        'Disconnect-AcrCloud'
        'Get-AcrCloudContext'
        'Invoke-AcrCloudRequest'
        'Get-AcrBmCsProject'
        'New-AcrBmCsProject'
        'Set-AcrBmCsProject'
        'Remove-AcrBmCsProject'
        'Get-AcrBmCsStream'
        'New-AcrBmCsStream'
        'Set-AcrBmCsStream'
        'Remove-AcrBmCsStream'
        'Suspend-AcrBmCsStream'
        'Restart-AcrBmCsStream'
        'Get-AcrBmCsResult'
        'Save-AcrBmCsResult'
        'Import-AcrBmCsResult'
        'Get-AcrBmCsUnknownResult'
        'Save-AcrBmCsRecording'
        'ConvertTo-AcrBmCsPlay'
        'Export-AcrBmCsPlay'
        'ConvertTo-AcrCloudJson'
        'Measure-AcrBmCsPlay'
        'Get-AcrBmCsStreamState'
        'Get-AcrBmBdProject'
        'Get-AcrBmBdChannel'
        'Get-AcrBmBdChannelState'
        'Get-AcrBmBdResult'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('ACRCloud', 'BroadcastMonitoring', 'Radio', 'Music', 'Copyright', 'API', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # Filled by build.ps1 from the top section of CHANGELOG.md.
            ReleaseNotes = ''
        }
    }
}
