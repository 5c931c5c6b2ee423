BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
    $standIn = Start-AcrCloudStandIn -Token 'tok-CONNECT-5f3a9c'
}

AfterAll {
    Disconnect-AcrCloud -ErrorAction SilentlyContinue
    $standIn | Stop-AcrCloudStandIn
}

Describe 'Connect-AcrCloud' {
    BeforeEach { Disconnect-AcrCloud -ErrorAction SilentlyContinue }

    It 'uses the Python client''s defaults' {
        $connection = Connect-AcrCloud -BearerToken 'x' -PassThru
        $connection.BaseUrl | Should -Be 'https://eu-api-v2.acrcloud.com'
        $connection.MaxRetries | Should -Be 5
        $connection.BackoffFactor | Should -Be 0.1
        $connection.TimeoutSec | Should -Be 60
    }

    It 'needs no network to connect' {
        { Connect-AcrCloud -BearerToken 'x' -BaseUrl 'https://nowhere.invalid' } | Should -Not -Throw
        (Get-AcrCloudContext).BaseUrl | Should -Be 'https://nowhere.invalid'
    }

    It 'takes every setting and shows it in Get-AcrCloudContext' {
        Connect-AcrCloud -BearerToken 'x' -BaseUrl $standIn.Url -MaxRetries 2 -BackoffFactor 0.5 -TimeoutSec 7
        $context = Get-AcrCloudContext
        $context.BaseUrl | Should -Be $standIn.Url
        $context.MaxRetries | Should -Be 2
        $context.BackoffFactor | Should -Be 0.5
        $context.TimeoutSec | Should -Be 7
    }

    It 'writes nothing without -PassThru and the connection with it' {
        Connect-AcrCloud -BearerToken 'x' | Should -BeNullOrEmpty
        Connect-AcrCloud -BearerToken 'x' -PassThru | Should -BeOfType ([AcrCloud.PowerShell.AcrCloudConnection])
    }

    It 'accepts the token as a SecureString' {
        $secure = ConvertTo-SecureString $standIn.Token -AsPlainText -Force
        Connect-AcrCloud -BearerToken $secure -BaseUrl $standIn.Url
        (Invoke-AcrCloudRequest /api/bm-cs-projects/1001).data.id | Should -Be 1001
    }

    It 'accepts the token as a plain string' {
        Connect-AcrCloud -BearerToken $standIn.Token -BaseUrl $standIn.Url
        (Invoke-AcrCloudRequest /api/bm-cs-projects/1001).data.name | Should -Be 'Radio Aare'
    }

    It 'reads ACRCLOUD_BEARER_TOKEN when -BearerToken is omitted' {
        $env:ACRCLOUD_BEARER_TOKEN = $standIn.Token
        try {
            Connect-AcrCloud -BaseUrl $standIn.Url
            (Invoke-AcrCloudRequest /api/bm-cs-projects/1001).data.id | Should -Be 1001
        }
        finally { Remove-Item env:ACRCLOUD_BEARER_TOKEN }
    }

    It 'fails clearly without a token' {
        Remove-Item env:ACRCLOUD_BEARER_TOKEN -ErrorAction Ignore
        $err = { Connect-AcrCloud -BaseUrl $standIn.Url } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.TokenMissing,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'ACRCLOUD_BEARER_TOKEN'
        { Get-AcrCloudContext -ErrorAction Stop } | Should -Throw -ErrorId 'AcrCloud.NotConnected,*'
    }

    It 'refuses a base URL that is not http(s)' {
        { Connect-AcrCloud -BearerToken 'x' -BaseUrl 'ftp://example.com' } | Should -Throw -ErrorId 'AcrCloud.InvalidBaseUrl,*'
        { Connect-AcrCloud -BearerToken 'x' -BaseUrl 'not a url' } | Should -Throw -ErrorId 'AcrCloud.InvalidBaseUrl,*'
    }

    It 'refuses plain http to another host unless -AllowUnencryptedAuthentication' {
        $err = { Connect-AcrCloud -BearerToken 'x' -BaseUrl 'http://api.example.com' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AcrCloud.InsecureBaseUrl,*'
        $err.Exception.Message | Should -Match 'AllowUnencryptedAuthentication'
        { Connect-AcrCloud -BearerToken 'x' -BaseUrl 'http://api.example.com' -AllowUnencryptedAuthentication } | Should -Not -Throw
        { Connect-AcrCloud -BearerToken 'x' -BaseUrl 'http://localhost:1' } | Should -Not -Throw
    }

    It 'validates the retry settings' {
        { Connect-AcrCloud -BearerToken 'x' -MaxRetries -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Connect-AcrCloud -BearerToken 'x' -TimeoutSec 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Connect-AcrCloud -BearerToken 'x' -BackoffFactor -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'supports -WhatIf and then changes nothing' {
        Connect-AcrCloud -BearerToken 'x' -BaseUrl 'https://whatif.invalid' -WhatIf
        { Get-AcrCloudContext -ErrorAction Stop } | Should -Throw -ErrorId 'AcrCloud.NotConnected,*'
    }
}

Describe 'The bearer token' {
    BeforeAll {
        $secret = $standIn.Token
        Connect-AcrCloud -BearerToken $secret -BaseUrl $standIn.Url
    }

    It 'is never shown by the connection object, in any view or conversion' {
        $context = Get-AcrCloudContext
        $views = @(
            $context.ToString()
            $context | Format-List * | Out-String
            $context | Format-Table * | Out-String
            $context | ConvertTo-Json -Depth 5
            $context | ConvertTo-Csv
            ($context.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ';'
            [System.Management.Automation.PSSerializer]::Serialize($context, 5)
        )
        foreach ($view in $views) { $view | Should -Not -Match $secret }
        $path = Join-Path $TestDrive 'context.xml'
        $context | Export-Clixml -Path $path
        Get-Content -Raw $path | Should -Not -Match $secret
    }

    It 'appears in no stream, verbose and debug included, nor in errors' {
        $everything = & {
            Connect-AcrCloud -BearerToken $secret -BaseUrl $standIn.Url -Verbose -PassThru
            Invoke-AcrCloudRequest /api/bm-cs-projects -Verbose -Debug
            Get-AcrBmCsResult -ProjectId 1001 -StreamId s-aare-pop -Date 2026-11-02 -Verbose
            try { Invoke-AcrCloudRequest /api/bm-cs-projects/999999 } catch { $_ }
            Get-AcrBmCsResult -ProjectId 1001 -StreamId s-nope -Date 2026-11-02 -ErrorAction Continue
        } *>&1 | Out-String -Width 4096
        $everything | Should -Match 'VERBOSE|GET'
        $everything | Should -Not -Match $secret
        foreach ($record in $Error) {
            ($record | Format-List * -Force | Out-String -Width 4096) | Should -Not -Match $secret
            $record.Exception.ToString() | Should -Not -Match $secret
        }
    }

    It 'is sent as a bearer token with Accept: application/json' {
        Reset-StandIn -StandIn $standIn
        $null = Invoke-AcrCloudRequest /api/bm-cs-projects
        $request = Get-StandInRequest -StandIn $standIn | Select-Object -First 1
        $request.authorization | Should -BeExactly "Bearer $secret"
        $request.accept | Should -Match 'application/json'
    }
}
