BeforeAll {
    . (Join-Path $PSScriptRoot '../TestSetup.ps1')
}

# The README's examples run in Examples.Tests.ps1, with every other example of the docs.

Describe 'The stand-in on its own' {
    BeforeAll { $dll = Join-Path $RepositoryRoot 'tests/AcrCloud.StandIn/bin/Release/net10.0/AcrCloud.StandIn.dll' }

    It 'explains itself with --help and starts nothing' {
        $text = & dotnet $dll --help
        $LASTEXITCODE | Should -Be 0
        ($text -join "`n") | Should -Match '--until-stopped'
        ($text -join "`n") | Should -Match 'Connect-AcrCloud -BearerToken test-token'
        @($text | Where-Object { $_ -match '^ACRCLOUD_STANDIN_URL=http' }) | Should -BeNullOrEmpty
    }

    It 'prints the token it expects and keeps running with --until-stopped when its input is closed' {
        $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in $dll, '--urls', 'http://127.0.0.1:0', '--token', 'try-me', '--until-stopped') { $info.ArgumentList.Add($a) }
        $info.RedirectStandardInput = $true
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        try {
            $process.StandardInput.Close()
            $url = $null; $token = $null
            while (-not $token) {
                $line = $process.StandardOutput.ReadLine()
                if ($null -eq $line) { break }
                if ($line -match '^ACRCLOUD_STANDIN_URL=(.+)$') { $url = $Matches[1].TrimEnd('/') }
                if ($line -match '^ACRCLOUD_STANDIN_TOKEN=(.+)$') { $token = $Matches[1] }
            }
            $token | Should -Be 'try-me'
            Start-Sleep -Milliseconds 500
            $process.HasExited | Should -BeFalse
            $answer = Invoke-RestMethod "$url/api/bm-cs-projects" -Headers @{ Authorization = "Bearer $token" }
            $answer.data.Count | Should -BeGreaterThan 0
        }
        finally {
            if (-not $process.HasExited) { $process.Kill() }
            $process.Dispose()
        }
    }
}
