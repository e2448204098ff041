/**
 * The fixed PowerShell every Vouch script carries. The generated part of a script only calls
 * these functions with single-quoted literals (powershell-quote.ts), so all logic is here, in
 * one reviewed place, and no value can change what a script does, only what it acts on.
 *
 * Why it looks the way it does:
 * - Idempotent: every Add-* reads the tenant's list first (once, then cached) and skips what
 *   is there; every Remove-* skips what is not there, because Microsoft removes a sender allow
 *   45 days after its last use and an admin may have removed an entry already (platform facts
 *   §5.1). Running a script twice does the work once and says what it skipped.
 * - One entry that fails does not stop the others: each call is its own try/catch with
 *   -ErrorAction Stop (so a non-terminating cmdlet error is caught too), and the summary at the
 *   end counts what was added, removed, skipped and failed.
 * - Names and values reach cmdlets only as parameters, never through Invoke-Expression or a
 *   double-quoted string that is parsed again.
 * - Under Set-StrictMode -Version Latest, .Count of a single object throws (PowerShell issues
 *   #2798, #16427), and a function unrolls the array it returns, so every look-up result is
 *   wrapped in @() before .Count.
 * - Addresses are URL-encoded in the list's entries (platform facts §5.1); whether Get-* shows
 *   them encoded is not documented, so both sides are compared decoded.
 */

export type RuntimePart = "senders" | "spoofs" | "rules";

const COMMON = String.raw`$VouchLog = [System.Collections.Generic.List[string]]::new()
$VouchCount = @{ Added = 0; Removed = 0; Skipped = 0; Failed = 0 }

function Write-VouchResult([string]$Kind, [string]$Text) {
    $VouchCount[$Kind] += 1
    $VouchLog.Add("$($Kind): $Text")
    Write-Output "$($Kind): $Text"
}

function Write-VouchSummary {
    Write-Output ''
    Write-Output ('Vouch: {0} added, {1} removed, {2} skipped, {3} failed.' -f $VouchCount.Added, $VouchCount.Removed, $VouchCount.Skipped, $VouchCount.Failed)
    foreach ($line in $VouchLog) { Write-Output "  $line" }
    if ($VouchCount.Failed -gt 0) {
        Write-Warning "$($VouchCount.Failed) failed; everything else was done. Fix the cause and run the script again: it skips what is already done."
    }
}`;

const SENDERS = String.raw`$script:VouchSenderAllows = $null

function Get-VouchSenderAllow([string]$Entry, [switch]$Fresh) {
    if ($Fresh -or $null -eq $script:VouchSenderAllows) {
        $script:VouchSenderAllows = @(Get-TenantAllowBlockListItems -ListType Sender -Allow -ErrorAction Stop)
    }
    $wanted = [uri]::UnescapeDataString($Entry)
    @($script:VouchSenderAllows | Where-Object { [uri]::UnescapeDataString([string]$_.Value) -eq $wanted })
}

function Add-VouchSenderAllow([string]$Proposal, [string]$Entry, [string]$Notes) {
    try {
        if (@(Get-VouchSenderAllow $Entry).Count -gt 0) {
            Write-VouchResult 'Skipped' "$Entry is allowed already ($Proposal)"
            return
        }
        New-TenantAllowBlockListItems -ListType Sender -Allow -Entries $Entry -RemoveAfter 45 -Notes $Notes -ErrorAction Stop | Out-Null
        $script:VouchSenderAllows += [pscustomobject]@{ Value = $Entry }
        Write-VouchResult 'Added' "$Entry ($Proposal)"
    } catch {
        Write-VouchResult 'Failed' "$Entry ($Proposal): $($_.Exception.Message)"
    }
}

function Remove-VouchSenderAllow([string]$Proposal, [string]$Entry) {
    try {
        $found = @(Get-VouchSenderAllow $Entry)
        if ($found.Count -eq 0) {
            Write-VouchResult 'Skipped' "$Entry is not in the list (Microsoft removes an allow 45 days after its last use, or it was removed already) ($Proposal)"
            return
        }
        Remove-TenantAllowBlockListItems -ListType Sender -Ids @($found | ForEach-Object { $_.Identity }) -ErrorAction Stop | Out-Null
        Write-VouchResult 'Removed' "$Entry ($Proposal)"
    } catch {
        $message = $_.Exception.Message
        try { $gone = @(Get-VouchSenderAllow $Entry -Fresh).Count -eq 0 } catch { $gone = $false }
        if ($gone) { Write-VouchResult 'Skipped' "$Entry left the list meanwhile ($Proposal)" }
        else { Write-VouchResult 'Failed' "$Entry ($Proposal): $message" }
    }
}`;

const SPOOFS = String.raw`$script:VouchSpoofAllows = $null

function Get-VouchSpoofAllow([string]$SpoofedUser, [string]$Infrastructure, [switch]$Fresh) {
    if ($Fresh -or $null -eq $script:VouchSpoofAllows) {
        $script:VouchSpoofAllows = @(Get-TenantAllowBlockListSpoofItems -Action Allow -SpoofType External -ErrorAction Stop)
    }
    $wanted = [uri]::UnescapeDataString($SpoofedUser)
    @($script:VouchSpoofAllows | Where-Object { [uri]::UnescapeDataString([string]$_.SpoofedUser) -eq $wanted -and $_.SendingInfrastructure -eq $Infrastructure })
}

function Add-VouchSpoofAllow([string]$Proposal, [string]$SpoofedUser, [string]$Infrastructure) {
    try {
        if (@(Get-VouchSpoofAllow $SpoofedUser $Infrastructure).Count -gt 0) {
            Write-VouchResult 'Skipped' "$SpoofedUser from $Infrastructure is allowed already ($Proposal)"
            return
        }
        New-TenantAllowBlockListSpoofItems -Identity Default -Action Allow -SpoofedUser $SpoofedUser -SendingInfrastructure $Infrastructure -SpoofType External -ErrorAction Stop | Out-Null
        $script:VouchSpoofAllows += [pscustomobject]@{ SpoofedUser = $SpoofedUser; SendingInfrastructure = $Infrastructure }
        Write-VouchResult 'Added' "$SpoofedUser from $Infrastructure ($Proposal)"
    } catch {
        Write-VouchResult 'Failed' "$SpoofedUser from $Infrastructure ($Proposal): $($_.Exception.Message)"
    }
}

function Remove-VouchSpoofAllow([string]$Proposal, [string]$SpoofedUser, [string]$Infrastructure) {
    try {
        $found = @(Get-VouchSpoofAllow $SpoofedUser $Infrastructure)
        if ($found.Count -eq 0) {
            Write-VouchResult 'Skipped' "$SpoofedUser from $Infrastructure is not in the list (removed already) ($Proposal)"
            return
        }
        Remove-TenantAllowBlockListSpoofItems -Identity Default -Ids @($found | ForEach-Object { $_.Identity }) -Confirm:$false -ErrorAction Stop | Out-Null
        Write-VouchResult 'Removed' "$SpoofedUser from $Infrastructure ($Proposal)"
    } catch {
        $message = $_.Exception.Message
        try { $gone = @(Get-VouchSpoofAllow $SpoofedUser $Infrastructure -Fresh).Count -eq 0 } catch { $gone = $false }
        if ($gone) { Write-VouchResult 'Skipped' "$SpoofedUser from $Infrastructure left the list meanwhile ($Proposal)" }
        else { Write-VouchResult 'Failed' "$SpoofedUser from $Infrastructure ($Proposal): $message" }
    }
}`;

const RULES = String.raw`$script:VouchRules = $null

function Get-VouchRule([string]$Name, [switch]$Fresh) {
    if ($Fresh -or $null -eq $script:VouchRules) {
        $script:VouchRules = @(Get-TransportRule -ErrorAction Stop)
    }
    @($script:VouchRules | Where-Object { $_.Name -eq $Name })
}

function Add-VouchRule([string]$Proposal, [string]$Name, [hashtable]$Parameters) {
    try {
        if (@(Get-VouchRule $Name).Count -gt 0) {
            Write-VouchResult 'Skipped' "rule '$Name' exists already and was left as it is ($Proposal)"
            return
        }
        New-TransportRule -Name $Name @Parameters -ErrorAction Stop | Out-Null
        $script:VouchRules += [pscustomobject]@{ Name = $Name }
        Write-VouchResult 'Added' "rule '$Name' ($Proposal)"
    } catch {
        Write-VouchResult 'Failed' "rule '$Name' ($Proposal): $($_.Exception.Message)"
    }
}

function Remove-VouchRule([string]$Proposal, [string]$Name) {
    try {
        if (@(Get-VouchRule $Name).Count -eq 0) {
            Write-VouchResult 'Skipped' "rule '$Name' does not exist (removed already) ($Proposal)"
            return
        }
        Remove-TransportRule -Identity $Name -Confirm:$false -ErrorAction Stop | Out-Null
        Write-VouchResult 'Removed' "rule '$Name' ($Proposal)"
    } catch {
        $message = $_.Exception.Message
        try { $gone = @(Get-VouchRule $Name -Fresh).Count -eq 0 } catch { $gone = $false }
        if ($gone) { Write-VouchResult 'Skipped' "rule '$Name' was removed meanwhile ($Proposal)" }
        else { Write-VouchResult 'Failed' "rule '$Name' ($Proposal): $message" }
    }
}`;

const PARTS: Record<RuntimePart, string> = { senders: SENDERS, spoofs: SPOOFS, rules: RULES };

/** The runtime lines a script needs, in a fixed order. */
export function runtimeLines(parts: ReadonlySet<RuntimePart>): string[] {
  const blocks = [COMMON];
  for (const part of ["senders", "spoofs", "rules"] as const) {
    if (parts.has(part)) blocks.push(PARTS[part]);
  }
  return blocks.join("\n\n").split("\n");
}
