<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Station %1 restored from the backup of %2 (%3 records).</source>
        <translation>Station %1 restored from the backup of %2 (%3 records).</translation>
    </message>
    <message>
        <source>The data that was there before is kept in %1.</source>
        <translation>The data that was there before is kept in %1.</translation>
    </message>
    <message>
        <source>Log in with the passwords of the backup.</source>
        <translation>Log in with the passwords of the backup.</translation>
    </message>
    <message>
        <source>Then remove these users again: %1.</source>
        <translation>Then remove these users again: %1.</translation>
    </message>
    <message>
        <source>The station uses the backup&apos;s data key again, which people who have left may still hold: replace it with &apos;cax db rekey&apos; (CAX Desk closed).</source>
        <translation>The station uses the backup&apos;s data key again, which people who have left may still hold: replace it with &apos;cax db rekey&apos; (CAX Desk closed).</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Add a user</translation>
    </message>
    <message>
        <source>e.g. lan or tran.lan</source>
        <translation>e.g. lan or tran.lan</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;ole:</translation>
    </message>
    <message>
        <source>Give the password to the new user in person, never in a message.</source>
        <translation>Give the password to the new user in person, never in a message.</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>&amp;Add user</translation>
    </message>
</context>
<context>
    <name>AttachmentsDialog</name>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>&amp;Attach files…</source>
        <translation>&amp;Attach files…</translation>
    </message>
    <message>
        <source>&amp;Take photo…</source>
        <translation>&amp;Take photo…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>&amp;Remove with reason…</source>
        <translation>&amp;Remove with reason…</translation>
    </message>
    <message>
        <source>Save a &amp;copy…</source>
        <translation>Save a &amp;copy…</translation>
    </message>
    <message>
        <source>A decrypted copy leaves the station&apos;s protection.</source>
        <translation>A decrypted copy leaves the station&apos;s protection.</translation>
    </message>
    <message>
        <source>Photos (JPEG, PNG, HEIC) and PDF scans, dragged here, chosen with “Attach files” or taken with “Take photo”. Each change makes a new revision.</source>
        <translation>Photos (JPEG, PNG, HEIC) and PDF scans, dragged here, chosen with “Attach files” or taken with “Take photo”. Each change makes a new revision.</translation>
    </message>
    <message>
        <source>The files kept with this record.</source>
        <translation>The files kept with this record.</translation>
    </message>
    <message>
        <source>Take a photo with a camera or a scanner.</source>
        <translation>Take a photo with a camera or a scanner.</translation>
    </message>
    <message>
        <source>No camera or scanner with a video feed is connected. A scanner without one: scan to a file, then “Attach files”.</source>
        <translation>No camera or scanner with a video feed is connected. A scanner without one: scan to a file, then “Attach files”.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
    <message>
        <source>Photos and PDF scans (%1)</source>
        <translation>Photos and PDF scans (%1)</translation>
    </message>
    <message>
        <source>Attaching %1 file(s), %2…</source>
        <translation>Attaching %1 file(s), %2…</translation>
    </message>
    <message>
        <source>Photo %1.jpg</source>
        <translation>Photo %1.jpg</translation>
    </message>
    <message>
        <source>Attaching %1…</source>
        <translation>Attaching %1…</translation>
    </message>
    <message>
        <source>Attached: %1.</source>
        <translation>Attached: %1.</translation>
    </message>
    <message>
        <source>Remove an attached file</source>
        <translation>Remove an attached file</translation>
    </message>
    <message>
        <source>Why is “%1” being removed? Older revisions keep it; the reason is kept with the new revision.</source>
        <translation>Why is “%1” being removed? Older revisions keep it; the reason is kept with the new revision.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>Removing %1…</translation>
    </message>
    <message>
        <source>Removed %1 (revision %2).</source>
        <translation>Removed %1 (revision %2).</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Save a copy</translation>
    </message>
    <message>
        <source>Copy saved to %1.</source>
        <translation>Copy saved to %1.</translation>
    </message>
</context>
<context>
    <name>AttachmentsTableModel</name>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Added by</translation>
    </message>
    <message>
        <source>Added at</source>
        <translation>Added at</translation>
    </message>
    <message>
        <source>Photo (JPEG)</source>
        <translation>Photo (JPEG)</translation>
    </message>
    <message>
        <source>Image (PNG)</source>
        <translation>Image (PNG)</translation>
    </message>
    <message>
        <source>PDF scan</source>
        <translation>PDF scan</translation>
    </message>
</context>
<context>
    <name>AuditDetails</name>
    <message>
        <source>role</source>
        <translation>role</translation>
    </message>
    <message>
        <source>before</source>
        <translation>before</translation>
    </message>
    <message>
        <source>after</source>
        <translation>after</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>record author</source>
        <translation>record author</translation>
    </message>
    <message>
        <source>reviewer</source>
        <translation>reviewer</translation>
    </message>
    <message>
        <source>by</source>
        <translation>by</translation>
    </message>
    <message>
        <source>by means of</source>
        <translation>by means of</translation>
    </message>
    <message>
        <source>users</source>
        <translation>users</translation>
    </message>
    <message>
        <source>removed users</source>
        <translation>removed users</translation>
    </message>
    <message>
        <source>users back from the backup</source>
        <translation>users back from the backup</translation>
    </message>
    <message>
        <source>supervisors</source>
        <translation>supervisors</translation>
    </message>
    <message>
        <source>approved by its own author</source>
        <translation>approved by its own author</translation>
    </message>
    <message>
        <source>authorised by</source>
        <translation>authorised by</translation>
    </message>
    <message>
        <source>form</source>
        <translation>form</translation>
    </message>
    <message>
        <source>number</source>
        <translation>number</translation>
    </message>
    <message>
        <source>revision</source>
        <translation>revision</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>errors accepted</source>
        <translation>errors accepted</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>reason</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>comment</translation>
    </message>
    <message>
        <source>older revisions</source>
        <translation>older revisions</translation>
    </message>
    <message>
        <source>output</source>
        <translation>output</translation>
    </message>
    <message>
        <source>paper</source>
        <translation>paper</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>pages</translation>
    </message>
    <message>
        <source>fingerprint</source>
        <translation>fingerprint</translation>
    </message>
    <message>
        <source>format</source>
        <translation>format</translation>
    </message>
    <message>
        <source>records</source>
        <translation>records</translation>
    </message>
    <message>
        <source>filters</source>
        <translation>filters</translation>
    </message>
    <message>
        <source>ID and phone numbers included</source>
        <translation>ID and phone numbers included</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>size</source>
        <translation>size</translation>
    </message>
    <message>
        <source>made at</source>
        <translation>made at</translation>
    </message>
    <message>
        <source>made by</source>
        <translation>made by</translation>
    </message>
    <message>
        <source>station data replaced</source>
        <translation>station data replaced</translation>
    </message>
    <message>
        <source>period</source>
        <translation>period</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>submitted</translation>
    </message>
    <message>
        <source>figures as of</source>
        <translation>figures as of</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>setting</translation>
    </message>
    <message>
        <source>key slots</source>
        <translation>key slots</translation>
    </message>
    <message>
        <source>key slots dropped</source>
        <translation>key slots dropped</translation>
    </message>
    <message>
        <source>new recovery key</source>
        <translation>new recovery key</translation>
    </message>
    <message>
        <source>key slots without a user</source>
        <translation>key slots without a user</translation>
    </message>
    <message>
        <source>attachment files without a record, deleted</source>
        <translation>attachment files without a record, deleted</translation>
    </message>
    <message>
        <source>entries checked</source>
        <translation>entries checked</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>intact</translation>
    </message>
    <message>
        <source>broken at entry</source>
        <translation>broken at entry</translation>
    </message>
    <message>
        <source>how</source>
        <translation>how</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>problems</translation>
    </message>
    <message>
        <source>key file</source>
        <translation>key file</translation>
    </message>
    <message>
        <source>expected</source>
        <translation>expected</translation>
    </message>
    <message>
        <source>found</source>
        <translation>found</translation>
    </message>
    <message>
        <source>server</source>
        <translation>server</translation>
    </message>
    <message>
        <source>device</source>
        <translation>device</translation>
    </message>
    <message>
        <source>CA certificate pinned</source>
        <translation>CA certificate pinned</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>connection</translation>
    </message>
    <message>
        <source>session</source>
        <translation>session</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>outcome</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>received by the centre</source>
        <translation>received by the centre</translation>
    </message>
    <message>
        <source>refused by the centre</source>
        <translation>refused by the centre</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>conflicts</translation>
    </message>
    <message>
        <source>updates received</source>
        <translation>updates received</translation>
    </message>
    <message>
        <source>reports sent</source>
        <translation>reports sent</translation>
    </message>
    <message>
        <source>reports received by the centre</source>
        <translation>reports received by the centre</translation>
    </message>
    <message>
        <source>sent again</source>
        <translation>sent again</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>kind</translation>
    </message>
    <message>
        <source>declaration</source>
        <translation>declaration</translation>
    </message>
    <message>
        <source>last entry</source>
        <translation>last entry</translation>
    </message>
    <message>
        <source>last entry&apos;s fingerprint</source>
        <translation>last entry&apos;s fingerprint</translation>
    </message>
    <message>
        <source>search</source>
        <translation>search</translation>
    </message>
    <message>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <source>commune</source>
        <translation>commune</translation>
    </message>
    <message>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>wrong password</translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation>unknown user</translation>
    </message>
    <message>
        <source>removed user</source>
        <translation>removed user</translation>
    </message>
    <message>
        <source>wrong recovery key</source>
        <translation>wrong recovery key</translation>
    </message>
    <message>
        <source>locked by the user</source>
        <translation>locked by the user</translation>
    </message>
    <message>
        <source>locked after inactivity</source>
        <translation>locked after inactivity</translation>
    </message>
    <message>
        <source>logged out</source>
        <translation>logged out</translation>
    </message>
    <message>
        <source>program closed</source>
        <translation>program closed</translation>
    </message>
    <message>
        <source>recovery key</source>
        <translation>recovery key</translation>
    </message>
    <message>
        <source>altered</source>
        <translation>altered</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>reordered</source>
        <translation>reordered</translation>
    </message>
    <message>
        <source>without its writer&apos;s signature</source>
        <translation>without its writer&apos;s signature</translation>
    </message>
    <message>
        <source>signed with another key</source>
        <translation>signed with another key</translation>
    </message>
    <message>
        <source>the centre</source>
        <translation>the centre</translation>
    </message>
    <message>
        <source>printer</source>
        <translation>printer</translation>
    </message>
    <message>
        <source>PDF file</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>in order</source>
        <translation>in order</translation>
    </message>
    <message>
        <source>encrypted (https)</source>
        <translation>encrypted (https)</translation>
    </message>
    <message>
        <source>this computer only (http)</source>
        <translation>this computer only (http)</translation>
    </message>
    <message>
        <source>unencrypted trial (http)</source>
        <translation>unencrypted trial (http)</translation>
    </message>
    <message>
        <source>bundle written for the centre</source>
        <translation>bundle written for the centre</translation>
    </message>
    <message>
        <source>the centre&apos;s receipt read</source>
        <translation>the centre&apos;s receipt read</translation>
    </message>
    <message>
        <source>auto-lock minutes</source>
        <translation>auto-lock minutes</translation>
    </message>
    <message>
        <source>backup reminder days</source>
        <translation>backup reminder days</translation>
    </message>
    <message>
        <source>last backup</source>
        <translation>last backup</translation>
    </message>
    <message>
        <source>hours to transfer a crime report</source>
        <translation>hours to transfer a crime report</translation>
    </message>
    <message>
        <source>when records go to the centre</source>
        <translation>when records go to the centre</translation>
    </message>
    <message>
        <source>automatic sync</source>
        <translation>automatic sync</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>interrupted</translation>
    </message>
    <message>
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>version %1</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>altered</source>
        <translation>altered</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>moved out of order</source>
        <translation>moved out of order</translation>
    </message>
    <message>
        <source>left without its writer&apos;s signature</source>
        <translation>left without its writer&apos;s signature</translation>
    </message>
    <message>
        <source>signed with a key that is not its writer&apos;s certified key</source>
        <translation>signed with a key that is not its writer&apos;s certified key</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Verify chain</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Show:</translation>
    </message>
    <message>
        <source>Checking every entry of the audit log…</source>
        <translation>Checking every entry of the audit log…</translation>
    </message>
    <message>
        <source>The audit log is intact: all %1 entries checked.</source>
        <translation>The audit log is intact: all %1 entries checked.</translation>
    </message>
    <message>
        <source>The audit log has been tampered with: entry No. %1 was %2. The %3 entries before it are intact. Report this to your superior and leave the station folder as it is.</source>
        <translation>The audit log has been tampered with: entry No. %1 was %2. The %3 entries before it are intact. Report this to your superior and leave the station folder as it is.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation> day(s)</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>A&amp;pply</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Back up now…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Restore from a backup…</translation>
    </message>
    <message>
        <source>Last backup:</source>
        <translation>Last backup:</translation>
    </message>
    <message>
        <source>Remind when older than:</source>
        <translation>Remind when older than:</translation>
    </message>
    <message>
        <source>Only a supervisor can back up or restore the station.</source>
        <translation>Only a supervisor can back up or restore the station.</translation>
    </message>
    <message>
        <source>Back up the station to</source>
        <translation>Back up the station to</translation>
    </message>
    <message>
        <source>CAX Desk backups (*%1)</source>
        <translation>CAX Desk backups (*%1)</translation>
    </message>
    <message>
        <source>Backing up and checking the copy…</source>
        <translation>Backing up and checking the copy…</translation>
    </message>
    <message>
        <source>Backed up %1 record(s) to %2. The copy was checked and stays encrypted.</source>
        <translation>Backed up %1 record(s) to %2. The copy was checked and stays encrypted.</translation>
    </message>
    <message>
        <source>The backup was not made.</source>
        <translation>The backup was not made.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Restore from</source>
        <translation>Restore from</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <source>Take a photo</source>
        <translation>Take a photo</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>&amp;Capture</translation>
    </message>
    <message>
        <source>&amp;Retake</source>
        <translation>&amp;Retake</translation>
    </message>
    <message>
        <source>&amp;Use this photo</source>
        <translation>&amp;Use this photo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Device:</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>No camera or scanner with a video feed is connected. Connect one; it shows here by itself. A scanner without one: scan to a file, then “Attach files”.</source>
        <translation>No camera or scanner with a video feed is connected. Connect one; it shows here by itself. A scanner without one: scan to a file, then “Attach files”.</translation>
    </message>
    <message>
        <source>Frame the paper or the scene, then press “Capture”.</source>
        <translation>Frame the paper or the scene, then press “Capture”.</translation>
    </message>
    <message>
        <source>Use this photo, or retake it.</source>
        <translation>Use this photo, or retake it.</translation>
    </message>
    <message>
        <source>The photo could not be taken. Try again, or choose another device.</source>
        <translation>The photo could not be taken. Try again, or choose another device.</translation>
    </message>
    <message>
        <source>The device stopped answering. Check its cable, or choose another device.</source>
        <translation>The device stopped answering. Check its cable, or choose another device.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>C&amp;urrent password:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <source>&amp;Change password</source>
        <translation>&amp;Change password</translation>
    </message>
</context>
<context>
    <name>ChangeRoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>New &amp;role:</source>
        <translation>New &amp;role:</translation>
    </message>
    <message>
        <source>Supervisors can manage users, approve records and read the audit log.</source>
        <translation>Supervisors can manage users, approve records and read the audit log.</translation>
    </message>
    <message>
        <source>&amp;Change role</source>
        <translation>&amp;Change role</translation>
    </message>
</context>
<context>
    <name>ChoiceEditor</name>
    <message>
        <source>Type to search…</source>
        <translation>Type to search…</translation>
    </message>
</context>
<context>
    <name>CodedText</name>
    <message>
        <source>a reason this version does not know</source>
        <translation>a reason this version does not know</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Hello, %1!</source>
        <translation>Hello, %1!</translation>
    </message>
    <message>
        <source>%1 · station code %2 · you are logged in as %3.</source>
        <translation>%1 · station code %2 · you are logged in as %3.</translation>
    </message>
    <message>
        <source>Your drafts</source>
        <translation>Your drafts</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>Returned to you</source>
        <translation>Returned to you</translation>
    </message>
    <message>
        <source>Changed today at the station</source>
        <translation>Changed today at the station</translation>
    </message>
    <message>
        <source>Changed today by you</source>
        <translation>Changed today by you</translation>
    </message>
    <message>
        <source>Not yet at the centre</source>
        <translation>Not yet at the centre</translation>
    </message>
    <message>
        <source>Records by month of the event</source>
        <translation>Records by month of the event</translation>
    </message>
    <message>
        <source>All forms, by form</source>
        <translation>All forms, by form</translation>
    </message>
    <message>
        <source>Work waiting</source>
        <translation>Work waiting</translation>
    </message>
    <message>
        <source>C&amp;harts:</source>
        <translation>C&amp;harts:</translation>
    </message>
    <message>
        <source>Records by form and status</source>
        <translation>Records by form and status</translation>
    </message>
    <message>
        <source>No deadline at risk.</source>
        <translation>No deadline at risk.</translation>
    </message>
    <message>
        <source>Deadlines at risk</source>
        <translation>Deadlines at risk</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 by %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>The station is not enrolled for sync.</source>
        <translation>The station is not enrolled for sync.</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>Unsent</source>
        <translation>Unsent</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>Choose on a calendar (Alt+Down)</source>
        <translation>Choose on a calendar (Alt+Down)</translation>
    </message>
</context>
<context>
    <name>DeadlinesTableModel</name>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Crime report not transferred</source>
        <translation>Crime report not transferred</translation>
    </message>
    <message>
        <source>Supervision check-in</source>
        <translation>Supervision check-in</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (overdue)</translation>
    </message>
    <message>
        <source>%1 (soon)</source>
        <translation>%1 (soon)</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Enrol the station with the centre</source>
        <translation>Enrol the station with the centre</translation>
    </message>
    <message>
        <source>the one-time code from the centre</source>
        <translation>the one-time code from the centre</translation>
    </message>
    <message>
        <source>the centre&apos;s CA certificate (.pem)</source>
        <translation>the centre&apos;s CA certificate (.pem)</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Choose…</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>&amp;Server address:</translation>
    </message>
    <message>
        <source>&amp;Enrolment code:</source>
        <translation>&amp;Enrolment code:</translation>
    </message>
    <message>
        <source>&amp;CA certificate:</source>
        <translation>&amp;CA certificate:</translation>
    </message>
    <message>
        <source>Chec&amp;k the server</source>
        <translation>Chec&amp;k the server</translation>
    </message>
    <message>
        <source>I compared the fingerprint with the one the centre announced</source>
        <translation>I compared the fingerprint with the one the centre announced</translation>
    </message>
    <message>
        <source>&amp;Enrol</source>
        <translation>&amp;Enrol</translation>
    </message>
    <message>
        <source>The centre gives each station a server address, a one-time enrolment code and its CA certificate. Check the server first: its identity is shown before anything is sent.</source>
        <translation>The centre gives each station a server address, a one-time enrolment code and its CA certificate. Check the server first: its identity is shown before anything is sent.</translation>
    </message>
    <message>
        <source>The centre&apos;s CA certificate</source>
        <translation>The centre&apos;s CA certificate</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <source>The server answered: CAX server %1.</source>
        <translation>The server answered: CAX server %1.</translation>
    </message>
    <message>
        <source>Plain http: records travel unencrypted. Use it only for a trial.</source>
        <translation>Plain http: records travel unencrypted. Use it only for a trial.</translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>Certificate: %1</translation>
    </message>
    <message>
        <source>Issued by: %1</source>
        <translation>Issued by: %1</translation>
    </message>
    <message>
        <source>Valid until: %1</source>
        <translation>Valid until: %1</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 fingerprint:</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>CAX Desk — Error</source>
        <translation>CAX Desk — Error</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export records</source>
        <translation>Export records</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>CSV text, UTF-8 (.csv)</source>
        <translation>CSV text, UTF-8 (.csv)</translation>
    </message>
    <message>
        <source>Include &amp;sensitive personal data</source>
        <translation>Include &amp;sensitive personal data</translation>
    </message>
    <message>
        <source>Ethnicity, religion, reported facts… (Decree 356): only when needed.</source>
        <translation>Ethnicity, religion, reported facts… (Decree 356): only when needed.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Every record that matches the list&apos;s current search and filters, not only the rows loaded on screen.</source>
        <translation>Every record that matches the list&apos;s current search and filters, not only the rows loaded on screen.</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>The file is not encrypted: keep it on this computer or an approved USB stick, and delete it when done. Every export is written to the audit log.</source>
        <translation>The file is not encrypted: keep it on this computer or an approved USB stick, and delete it when done. Every export is written to the audit log.</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Export to</translation>
    </message>
</context>
<context>
    <name>FieldsPanel</name>
    <message>
        <source>Former codes</source>
        <translation>Former codes</translation>
    </message>
</context>
<context>
    <name>GroupEditor</name>
    <message>
        <source>Add a row</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>Insert</translation>
    </message>
    <message>
        <source>Edit row</source>
        <translation>Edit row</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Remove row</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>Row %1</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>CAX Desk — user guide</source>
        <translation>CAX Desk — user guide</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation. Reinstall CAX Desk.</source>
        <translation>The user guide is missing from this installation. Reinstall CAX Desk.</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Fit</translation>
    </message>
    <message>
        <source>Turn &amp;left</source>
        <translation>Turn &amp;left</translation>
    </message>
    <message>
        <source>Turn &amp;right</source>
        <translation>Turn &amp;right</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <source>Welcome to CAX Desk</source>
        <translation>Welcome to CAX Desk</translation>
    </message>
    <message>
        <source>This computer has no station yet. In three short steps you will choose the commune, create the first supervisor account and receive the recovery key.

Everything is stored encrypted on this computer; nothing is sent anywhere.</source>
        <translation>This computer has no station yet. In three short steps you will choose the commune, create the first supervisor account and receive the recovery key.

Everything is stored encrypted on this computer; nothing is sent anywhere.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Officer</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>Station set up</source>
        <translation>Station set up</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Logged in</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>Failed login</translation>
    </message>
    <message>
        <source>Failed-login counters were deleted or reset</source>
        <translation>Failed-login counters were deleted or reset</translation>
    </message>
    <message>
        <source>Logged out or locked</source>
        <translation>Logged out or locked</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>User added</translation>
    </message>
    <message>
        <source>User removed</source>
        <translation>User removed</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>Recovery key used</source>
        <translation>Recovery key used</translation>
    </message>
    <message>
        <source>Data key replaced</source>
        <translation>Data key replaced</translation>
    </message>
    <message>
        <source>Database checked</source>
        <translation>Database checked</translation>
    </message>
    <message>
        <source>Audit log verified</source>
        <translation>Audit log verified</translation>
    </message>
    <message>
        <source>Record created</source>
        <translation>Record created</translation>
    </message>
    <message>
        <source>Record changed</source>
        <translation>Record changed</translation>
    </message>
    <message>
        <source>Record viewed</source>
        <translation>Record viewed</translation>
    </message>
    <message>
        <source>Record completed</source>
        <translation>Record completed</translation>
    </message>
    <message>
        <source>Record approved</source>
        <translation>Record approved</translation>
    </message>
    <message>
        <source>Record returned</source>
        <translation>Record returned</translation>
    </message>
    <message>
        <source>Record amended</source>
        <translation>Record amended</translation>
    </message>
    <message>
        <source>Record accepted by the centre</source>
        <translation>Record accepted by the centre</translation>
    </message>
    <message>
        <source>Record voided</source>
        <translation>Record voided</translation>
    </message>
    <message>
        <source>Record printed</source>
        <translation>Record printed</translation>
    </message>
    <message>
        <source>Record exported</source>
        <translation>Record exported</translation>
    </message>
    <message>
        <source>File attached</source>
        <translation>File attached</translation>
    </message>
    <message>
        <source>Attached file removed</source>
        <translation>Attached file removed</translation>
    </message>
    <message>
        <source>Attached file copied out</source>
        <translation>Attached file copied out</translation>
    </message>
    <message>
        <source>Synchronised</source>
        <translation>Synchronised</translation>
    </message>
    <message>
        <source>Enrolled with the centre</source>
        <translation>Enrolled with the centre</translation>
    </message>
    <message>
        <source>Roles signed</source>
        <translation>Roles signed</translation>
    </message>
    <message>
        <source>Restore declared to the centre</source>
        <translation>Restore declared to the centre</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Role changed</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>Setting changed</translation>
    </message>
    <message>
        <source>Records exported</source>
        <translation>Records exported</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Backup made</translation>
    </message>
    <message>
        <source>Restored from a backup</source>
        <translation>Restored from a backup</translation>
    </message>
    <message>
        <source>Station profile changed</source>
        <translation>Station profile changed</translation>
    </message>
    <message>
        <source>Report draft saved</source>
        <translation>Report draft saved</translation>
    </message>
    <message>
        <source>Report submitted</source>
        <translation>Report submitted</translation>
    </message>
    <message>
        <source>Report printed</source>
        <translation>Report printed</translation>
    </message>
    <message>
        <source>Never backed up</source>
        <translation>Never backed up</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Logged out</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Log in</translation>
    </message>
    <message>
        <source>%1: logged out at %2. Log in to continue.</source>
        <translation>%1: logged out at %2. Log in to continue.</translation>
    </message>
    <message>
        <source>%1 was locked at %2 after a period without activity.</source>
        <translation>%1 was locked at %2 after a period without activity.</translation>
    </message>
    <message>
        <source>%1 was locked at %2.</source>
        <translation>%1 was locked at %2.</translation>
    </message>
    <message>
        <source>Unsaved work is kept until %3 unlocks again.</source>
        <translation>Unsaved work is kept until %3 unlocks again.</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <source>CAX Desk — log in</source>
        <translation>CAX Desk — log in</translation>
    </message>
    <message>
        <source>CAX Desk</source>
        <translation>CAX Desk</translation>
    </message>
    <message>
        <source>Data entry for the commune police station</source>
        <translation>Data entry for the commune police station</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>CAX Desk %1</source>
        <translation>CAX Desk %1</translation>
    </message>
    <message>
        <source>&amp;Station</source>
        <translation>&amp;Station</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Log &amp;out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;User guide</translation>
    </message>
    <message>
        <source>&amp;About CAX Desk</source>
        <translation>&amp;About CAX Desk</translation>
    </message>
    <message>
        <source>About CAX Desk</source>
        <translation>About CAX Desk</translation>
    </message>
    <message>
        <source>CAX Desk %1
Offline data entry for commune police stations.</source>
        <translation>CAX Desk %1
Offline data entry for commune police stations.</translation>
    </message>
</context>
<context>
    <name>MoneyEditor</name>
    <message>
        <source>đồng</source>
        <translation>đồng</translation>
    </message>
</context>
<context>
    <name>NewPasswordFields</name>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Repeat password:</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>New record</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Periodic report</source>
        <translation>Periodic report</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>Caps Lock is on.</source>
        <translation>Caps Lock is on.</translation>
    </message>
</context>
<context>
    <name>PasswordStrengthBar</name>
    <message>
        <source>Too short</source>
        <translation>Too short</translation>
    </message>
    <message>
        <source>Too weak</source>
        <translation>Too weak</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Fair</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Strong</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <source>&amp;Fit width</source>
        <translation>&amp;Fit width</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1 page(s)</source>
        <translation>%1 page(s)</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Reporting month (15th–14th)</source>
        <translation>Reporting month (15th–14th)</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>6 months</source>
        <translation>6 months</translation>
    </message>
    <message>
        <source>9 months</source>
        <translation>9 months</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Custom dates</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <source>Quarter %1</source>
        <translation>Quarter %1</translation>
    </message>
    <message>
        <source>First half</source>
        <translation>First half</translation>
    </message>
    <message>
        <source>Second half</source>
        <translation>Second half</translation>
    </message>
    <message>
        <source>Week %1</source>
        <translation>Week %1</translation>
    </message>
</context>
<context>
    <name>ProblemMessages</name>
    <message>
        <source>This must be filled in.</source>
        <translation>This must be filled in.</translation>
    </message>
    <message>
        <source>This value is not part of the form.</source>
        <translation>This value is not part of the form.</translation>
    </message>
    <message>
        <source>Wrong kind of value: %1 expected.</source>
        <translation>Wrong kind of value: %1 expected.</translation>
    </message>
    <message>
        <source>Too short: write at least %1 characters.</source>
        <translation>Too short: write at least %1 characters.</translation>
    </message>
    <message>
        <source>Too long: at most %1 characters.</source>
        <translation>Too long: at most %1 characters.</translation>
    </message>
    <message>
        <source>Not in the expected format.</source>
        <translation>Not in the expected format.</translation>
    </message>
    <message>
        <source>Must not be less than %1.</source>
        <translation>Must not be less than %1.</translation>
    </message>
    <message>
        <source>Must not be more than %1.</source>
        <translation>Must not be more than %1.</translation>
    </message>
    <message>
        <source>Type a whole number.</source>
        <translation>Type a whole number.</translation>
    </message>
    <message>
        <source>Type a number, e.g. 12,5.</source>
        <translation>Type a number, e.g. 12,5.</translation>
    </message>
    <message>
        <source>Type a whole amount in đồng, e.g. 1.500.000.</source>
        <translation>Type a whole amount in đồng, e.g. 1.500.000.</translation>
    </message>
    <message>
        <source>“%1” is not in the list: choose one of its entries.</source>
        <translation>“%1” is not in the list: choose one of its entries.</translation>
    </message>
    <message>
        <source>Add at least %1 row(s).</source>
        <translation>Add at least %1 row(s).</translation>
    </message>
    <message>
        <source>At most %1 row(s) are allowed.</source>
        <translation>At most %1 row(s) are allowed.</translation>
    </message>
    <message>
        <source>Fill in at least one of: %1.</source>
        <translation>Fill in at least one of: %1.</translation>
    </message>
    <message>
        <source>Type the date as dd/mm/yyyy.</source>
        <translation>Type the date as dd/mm/yyyy.</translation>
    </message>
    <message>
        <source>Type the date and time as dd/mm/yyyy hh:mm.</source>
        <translation>Type the date and time as dd/mm/yyyy hh:mm.</translation>
    </message>
    <message>
        <source>This is in the future.</source>
        <translation>This is in the future.</translation>
    </message>
    <message>
        <source>Must not be before “%1”.</source>
        <translation>Must not be before “%1”.</translation>
    </message>
    <message>
        <source>A personal ID number has exactly 12 digits.</source>
        <translation>A personal ID number has exactly 12 digits.</translation>
    </message>
    <message>
        <source>The first digits %1 are not a province code: check the number.</source>
        <translation>The first digits %1 are not a province code: check the number.</translation>
    </message>
    <message>
        <source>The ID number is that of a %1: check the sex or the number.</source>
        <translation>The ID number is that of a %1: check the sex or the number.</translation>
    </message>
    <message>
        <source>The ID number gives %1 as the year of birth: check the date of birth or the number.</source>
        <translation>The ID number gives %1 as the year of birth: check the date of birth or the number.</translation>
    </message>
    <message>
        <source>A former ID card (CMND) number has 9 or 12 digits.</source>
        <translation>A former ID card (CMND) number has 9 or 12 digits.</translation>
    </message>
    <message>
        <source>Unusual document number (Vietnamese passports read like C1234567).</source>
        <translation>Unusual document number (Vietnamese passports read like C1234567).</translation>
    </message>
    <message>
        <source>A tax code has 10 digits, or 10 digits, a dash and 3 digits.</source>
        <translation>A tax code has 10 digits, or 10 digits, a dash and 3 digits.</translation>
    </message>
    <message>
        <source>Not a Vietnamese phone number (e.g. 0912 345 678).</source>
        <translation>Not a Vietnamese phone number (e.g. 0912 345 678).</translation>
    </message>
    <message>
        <source>The prefix %1 belongs to no known network: check the number.</source>
        <translation>The prefix %1 belongs to no known network: check the number.</translation>
    </message>
    <message>
        <source>The old 11-digit number %1 was changed to %2.</source>
        <translation>The old 11-digit number %1 was changed to %2.</translation>
    </message>
    <message>
        <source>Not a number plate (e.g. 29A-123.45 or 29B1-234.56).</source>
        <translation>Not a number plate (e.g. 29A-123.45 or 29B1-234.56).</translation>
    </message>
    <message>
        <source>Special series %1 (diplomatic, foreign or military): check it.</source>
        <translation>Special series %1 (diplomatic, foreign or military): check it.</translation>
    </message>
    <message>
        <source>%1 is not in %2.</source>
        <translation>%1 is not in %2.</translation>
    </message>
    <message>
        <source>This place is outside the station&apos;s commune.</source>
        <translation>This place is outside the station&apos;s commune.</translation>
    </message>
    <message>
        <source>The violator did not sign: add a witness or write why they refused.</source>
        <translation>The violator did not sign: add a witness or write why they refused.</translation>
    </message>
    <message>
        <source>The fine must lie within the provision&apos;s frame: %1 to %2 đồng.</source>
        <translation>The fine must lie within the provision&apos;s frame: %1 to %2 đồng.</translation>
    </message>
    <message>
        <source>The person issuing may impose a fine of at most %1 đồng.</source>
        <translation>The person issuing may impose a fine of at most %1 đồng.</translation>
    </message>
    <message>
        <source>“%1” is not in the legal catalogue.</source>
        <translation>“%1” is not in the legal catalogue.</translation>
    </message>
    <message>
        <source>This provision was not in force on %1, the day of the violation: choose the one in force then.</source>
        <translation>This provision was not in force on %1, the day of the violation: choose the one in force then.</translation>
    </message>
    <message>
        <source>This provision allows a fine only, not a warning.</source>
        <translation>This provision allows a fine only, not a warning.</translation>
    </message>
    <message>
        <source>The commune police may not impose this measure.</source>
        <translation>The commune police may not impose this measure.</translation>
    </message>
    <message>
        <source>Without a violation record, only a warning or a fine of at most %1 đồng is allowed.</source>
        <translation>Without a violation record, only a warning or a fine of at most %1 đồng is allowed.</translation>
    </message>
    <message>
        <source>Only an individual can make a denunciation (tố giác); what an organisation reports is a tin báo.</source>
        <translation>Only an individual can make a denunciation (tố giác); what an organisation reports is a tin báo.</translation>
    </message>
    <message>
        <source>This person is under supervision: give the number of their supervision file (F10).</source>
        <translation>This person is under supervision: give the number of their supervision file (F10).</translation>
    </message>
    <message>
        <source>No record numbered %1 (%2) at this station: check the number, or the file is kept at another station.</source>
        <translation>No record numbered %1 (%2) at this station: check the number, or the file is kept at another station.</translation>
    </message>
    <message>
        <source>Record %1 (%2) is about another person: its ID number differs from this one.</source>
        <translation>Record %1 (%2) is about another person: its ID number differs from this one.</translation>
    </message>
    <message>
        <source>Not transferred within %1 hours of receipt.</source>
        <translation>Not transferred within %1 hours of receipt.</translation>
    </message>
    <message>
        <source>The decision comes more than %1 days after the record.</source>
        <translation>The decision comes more than %1 days after the record.</translation>
    </message>
    <message>
        <source>The stay was notified late.</source>
        <translation>The stay was notified late.</translation>
    </message>
    <message>
        <source>Give an ID or passport number, or why there is none.</source>
        <translation>Give an ID or passport number, or why there is none.</translation>
    </message>
    <message>
        <source>This unit is counted in whole numbers.</source>
        <translation>This unit is counted in whole numbers.</translation>
    </message>
    <message>
        <source>A rule of this form is not met.</source>
        <translation>A rule of this form is not met.</translation>
    </message>
    <message>
        <source>The span is longer than %1 days.</source>
        <translation>The span is longer than %1 days.</translation>
    </message>
    <message>
        <source>The span is longer than %1 hours.</source>
        <translation>The span is longer than %1 hours.</translation>
    </message>
    <message>
        <source>Type the date as dd/mm/yyyy, or the year alone (e.g. 1985).</source>
        <translation>Type the date as dd/mm/yyyy, or the year alone (e.g. 1985).</translation>
    </message>
    <message>
        <source>man</source>
        <translation>man</translation>
    </message>
    <message>
        <source>woman</source>
        <translation>woman</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>a whole number</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>a number</translation>
    </message>
    <message>
        <source>a group of fields</source>
        <translation>a group of fields</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>a list</translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation>yes or no</translation>
    </message>
</context>
<context>
    <name>ProblemSummary</name>
    <message>
        <source>Accept this error with a &amp;reason…</source>
        <translation>Accept this error with a &amp;reason…</translation>
    </message>
    <message>
        <source>(accepted: %1)</source>
        <translation>(accepted: %1)</translation>
    </message>
    <message>
        <source>%1 problem(s) stop completion; %2 warning(s).</source>
        <translation>%1 problem(s) stop completion; %2 warning(s).</translation>
    </message>
    <message>
        <source>%1 warning(s): the record can be completed.</source>
        <translation>%1 warning(s): the record can be completed.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Ctrl+Enter to confirm.</source>
        <translation>Ctrl+Enter to confirm.</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>&amp;Save draft</source>
        <translation>&amp;Save draft</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>&amp;Complete</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>A draft is saved before it closes.</source>
        <translation>A draft is saved before it closes.</translation>
    </message>
    <message>
        <source>A&amp;ttachments…</source>
        <translation>A&amp;ttachments…</translation>
    </message>
    <message>
        <source>The draft is saved first.</source>
        <translation>The draft is saved first.</translation>
    </message>
    <message>
        <source>Ctrl+S saves the draft, Ctrl+Enter completes.</source>
        <translation>Ctrl+S saves the draft, Ctrl+Enter completes.</translation>
    </message>
    <message>
        <source>&amp;Save amendment…</source>
        <translation>&amp;Save amendment…</translation>
    </message>
    <message>
        <source>Ctrl+S saves the amendment with its reason.</source>
        <translation>Ctrl+S saves the amendment with its reason.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>The problems are corrected: the record can be completed.</source>
        <translation>The problems are corrected: the record can be completed.</translation>
    </message>
    <message>
        <source>Draft saved at %1.</source>
        <translation>Draft saved at %1.</translation>
    </message>
    <message>
        <source>The draft could not be saved.</source>
        <translation>The draft could not be saved.</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>Completing…</source>
        <translation>Completing…</translation>
    </message>
    <message>
        <source>Not completed: correct the problems listed below.</source>
        <translation>Not completed: correct the problems listed below.</translation>
    </message>
    <message>
        <source>Not completed.</source>
        <translation>Not completed.</translation>
    </message>
    <message>
        <source>Accept an error</source>
        <translation>Accept an error</translation>
    </message>
    <message>
        <source>Why is this value right although the check disagrees?</source>
        <translation>Why is this value right although the check disagrees?</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Accept</translation>
    </message>
    <message>
        <source>Amend the record</source>
        <translation>Amend the record</translation>
    </message>
    <message>
        <source>Why is the record being changed? The reason is kept with the new revision.</source>
        <translation>Why is the record being changed? The reason is kept with the new revision.</translation>
    </message>
    <message>
        <source>&amp;Save amendment</source>
        <translation>&amp;Save amendment</translation>
    </message>
</context>
<context>
    <name>RecordEntryPage</name>
    <message>
        <source>Choose the form to fill in</source>
        <translation>Choose the form to fill in</translation>
    </message>
    <message>
        <source>Type part of its name (accents optional), then press Enter.</source>
        <translation>Type part of its name (accents optional), then press Enter.</translation>
    </message>
    <message>
        <source>e.g. vi pham, tam vang, F3</source>
        <translation>e.g. vi pham, tam vang, F3</translation>
    </message>
    <message>
        <source>Opening form %1…</source>
        <translation>Opening form %1…</translation>
    </message>
    <message>
        <source>Record completed with number %1. It now waits for approval.</source>
        <translation>Record completed with number %1. It now waits for approval.</translation>
    </message>
    <message>
        <source>Record completed. It now waits for approval.</source>
        <translation>Record completed. It now waits for approval.</translation>
    </message>
    <message>
        <source>Draft kept; find it under Records.</source>
        <translation>Draft kept; find it under Records.</translation>
    </message>
</context>
<context>
    <name>RecordFilterBar</name>
    <message>
        <source>Search names, ID numbers, places, content… (accents optional)</source>
        <translation>Search names, ID numbers, places, content… (accents optional)</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>All forms</translation>
    </message>
    <message>
        <source>All but voided</source>
        <translation>All but voided</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Anyone</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>&amp;Form:</source>
        <translation>&amp;Form:</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>A&amp;uthor:</source>
        <translation>A&amp;uthor:</translation>
    </message>
    <message>
        <source>Event &amp;from:</source>
        <translation>Event &amp;from:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>to:</translation>
    </message>
</context>
<context>
    <name>RecordFormWidget</name>
    <message>
        <source>row %1</source>
        <translation>row %1</translation>
    </message>
</context>
<context>
    <name>RecordHistoryTableModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>RecordLabels</name>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>Awaiting approval</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>Returned with a comment</source>
        <translation>Returned with a comment</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xport…</translation>
    </message>
    <message>
        <source>%1 record(s) exported to %2.</source>
        <translation>%1 record(s) exported to %2.</translation>
    </message>
    <message>
        <source>Me (%1)</source>
        <translation>Me (%1)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>%1 record(s).</source>
        <translation>%1 record(s).</translation>
    </message>
    <message>
        <source>First %1 records shown; scroll down for more.</source>
        <translation>First %1 records shown; scroll down for more.</translation>
    </message>
    <message>
        <source>Record completed with number %1.</source>
        <translation>Record completed with number %1.</translation>
    </message>
    <message>
        <source>Amendment saved as revision %1.</source>
        <translation>Amendment saved as revision %1.</translation>
    </message>
    <message>
        <source>Void the record</source>
        <translation>Void the record</translation>
    </message>
    <message>
        <source>Why is this record void? It is kept, marked void, and its number is never reused.</source>
        <translation>Why is this record void? It is kept, marked void, and its number is never reused.</translation>
    </message>
    <message>
        <source>&amp;Void</source>
        <translation>&amp;Void</translation>
    </message>
    <message>
        <source>Record voided.</source>
        <translation>Record voided.</translation>
    </message>
</context>
<context>
    <name>RecordPrinter</name>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Which document of this record?</source>
        <translation>Which document of this record?</translation>
    </message>
    <message>
        <source>Print preview – %1</source>
        <translation>Print preview – %1</translation>
    </message>
    <message>
        <source>Sent to the printer: %1</source>
        <translation>Sent to the printer: %1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Saved as PDF: %1</source>
        <translation>Saved as PDF: %1</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>waiting to be sent to the centre</source>
        <translation>waiting to be sent to the centre</translation>
    </message>
    <message>
        <source>received by the centre</source>
        <translation>received by the centre</translation>
    </message>
    <message>
        <source>refused by the centre (see Sync)</source>
        <translation>refused by the centre (see Sync)</translation>
    </message>
    <message>
        <source>held aside by the centre (see Sync)</source>
        <translation>held aside by the centre (see Sync)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Revisions</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>← &amp;Back to the list</source>
        <translation>← &amp;Back to the list</translation>
    </message>
    <message>
        <source>&amp;Amend with reason…</source>
        <translation>&amp;Amend with reason…</translation>
    </message>
    <message>
        <source>&amp;Void with reason…</source>
        <translation>&amp;Void with reason…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Save as P&amp;DF…</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>No. %1</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <source>last change %1</source>
        <translation>last change %1</translation>
    </message>
    <message>
        <source>Attachments (%1)</source>
        <translation>Attachments (%1)</translation>
    </message>
    <message>
        <source>Voided: %1</source>
        <translation>Voided: %1</translation>
    </message>
    <message>
        <source>Returned by the centre: %1</source>
        <translation>Returned by the centre: %1</translation>
    </message>
    <message>
        <source>Returned by the supervisor: %1</source>
        <translation>Returned by the supervisor: %1</translation>
    </message>
</context>
<context>
    <name>RecordsTableModel</name>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Event date</source>
        <translation>Event date</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Commune</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Last change</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Forgot password</source>
        <translation>Forgot password</translation>
    </message>
    <message>
        <source>A supervisor can set a new password with the station&apos;s recovery key, the 32 characters printed or written down when the station was set up. Officers: ask the supervisor to reset your password.</source>
        <translation>A supervisor can set a new password with the station&apos;s recovery key, the 32 characters printed or written down when the station was set up. Officers: ask the supervisor to reset your password.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <source>Set &amp;new password</source>
        <translation>Set &amp;new password</translation>
    </message>
    <message>
        <source>%1 is an officer: only a supervisor can set an officer&apos;s new password (Users page). Ask your supervisor.</source>
        <translation>%1 is an officer: only a supervisor can set an officer&apos;s new password (Users page). Ask your supervisor.</translation>
    </message>
    <message>
        <source>&amp;Supervisor:</source>
        <translation>&amp;Supervisor:</translation>
    </message>
    <message>
        <source>Recovery &amp;key:</source>
        <translation>Recovery &amp;key:</translation>
    </message>
    <message>
        <source>Checking the recovery key…</source>
        <translation>Checking the recovery key…</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <source>Recovery key</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>If the supervisor forgets the password, only this key can open the station. It is shown this once.</source>
        <translation>If the supervisor forgets the password, only this key can open the station. It is shown this once.</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>&amp;Save to file…</source>
        <translation>&amp;Save to file…</translation>
    </message>
    <message>
        <source>I have &amp;written the recovery key down and will keep it in a safe place.</source>
        <translation>I have &amp;written the recovery key down and will keep it in a safe place.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Sent to the printer.</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>Save the recovery key</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <source>Saved to %1. Move it to a USB stick kept locked away, then delete it from this computer.</source>
        <translation>Saved to %1. Move it to a USB stick kept locked away, then delete it from this computer.</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <source>CAX Desk — station recovery key</source>
        <translation>CAX Desk — station recovery key</translation>
    </message>
    <message>
        <source>Station: %1 (code %2)</source>
        <translation>Station: %1 (code %2)</translation>
    </message>
    <message>
        <source>Created on %1 for supervisor %2</source>
        <translation>Created on %1 for supervisor %2</translation>
    </message>
    <message>
        <source>With this key a supervisor who forgot their password can set a new one. Anyone holding it can open the station&apos;s data: keep it locked away, never on the station computer.</source>
        <translation>With this key a supervisor who forgot their password can set a new one. Anyone holding it can open the station&apos;s data: keep it locked away, never on the station computer.</translation>
    </message>
    <message>
        <source>Print the recovery key</source>
        <translation>Print the recovery key</translation>
    </message>
</context>
<context>
    <name>RefusedRecordsPanel</name>
    <message>
        <source>Send a&amp;gain</source>
        <translation>Send a&amp;gain</translation>
    </message>
</context>
<context>
    <name>RemoveUserDialog</name>
    <message>
        <source>Remove user</source>
        <translation>Remove user</translation>
    </message>
    <message>
        <source>%1 will no longer be able to log in. Their name and history stay in the audit log, and the name cannot be given to anyone else.</source>
        <translation>%1 will no longer be able to log in. Their name and history stay in the audit log, and the name cannot be given to anyone else.</translation>
    </message>
    <message>
        <source>e.g. transferred to another station</source>
        <translation>e.g. transferred to another station</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>&amp;Remove user</source>
        <translation>&amp;Remove user</translation>
    </message>
</context>
<context>
    <name>ReportConflictsModel</name>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>The centre&apos;s copy: %1
This station&apos;s copy: %2</source>
        <translation>The centre&apos;s copy: %1
This station&apos;s copy: %2</translation>
    </message>
    <message>
        <source>%1 chose to send this station&apos;s copy: it goes with the next sync</source>
        <translation>%1 chose to send this station&apos;s copy: it goes with the next sync</translation>
    </message>
    <message>
        <source>Waiting for a supervisor&apos;s decision</source>
        <translation>Waiting for a supervisor&apos;s decision</translation>
    </message>
</context>
<context>
    <name>ReportConflictsPanel</name>
    <message>
        <source>The centre already holds another version of these submitted reports. Compare with the centre, then keep its copy, or send this station&apos;s copy to replace it.</source>
        <translation>The centre already holds another version of these submitted reports. Compare with the centre, then keep its copy, or send this station&apos;s copy to replace it.</translation>
    </message>
    <message>
        <source>Send &amp;ours as a replacement</source>
        <translation>Send &amp;ours as a replacement</translation>
    </message>
    <message>
        <source>&amp;Keep the centre&apos;s copy</source>
        <translation>&amp;Keep the centre&apos;s copy</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>Indicator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>This period</translation>
    </message>
    <message>
        <source>Same period last year</source>
        <translation>Same period last year</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Change %</source>
        <translation>Change %</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Periodic report</source>
        <translation>Periodic report</translation>
    </message>
    <message>
        <source>&amp;Figures</source>
        <translation>&amp;Figures</translation>
    </message>
    <message>
        <source>&amp;Typed figures</source>
        <translation>&amp;Typed figures</translation>
    </message>
    <message>
        <source>&amp;Narrative</source>
        <translation>&amp;Narrative</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Station &amp;profile…</source>
        <translation>Station &amp;profile…</translation>
    </message>
    <message>
        <source>&amp;Save draft</source>
        <translation>&amp;Save draft</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>Print pre&amp;view…</translation>
    </message>
    <message>
        <source>Save P&amp;DF…</source>
        <translation>Save P&amp;DF…</translation>
    </message>
    <message>
        <source>S&amp;ubmit…</source>
        <translation>S&amp;ubmit…</translation>
    </message>
    <message>
        <source>Residence and ID applications are handled in the national systems: type how many were received and resolved in this period (not since the start of the year). Leave a box at — when the figure is not known.</source>
        <translation>Residence and ID applications are handled in the national systems: type how many were received and resolved in this period (not since the start of the year). Leave a box at — when the figure is not known.</translation>
    </message>
    <message>
        <source>Counting the records of the period…</source>
        <translation>Counting the records of the period…</translation>
    </message>
    <message>
        <source>%1 — report %2, submitted %3 by %4. Its figures and text are frozen.</source>
        <translation>%1 — report %2, submitted %3 by %4. Its figures and text are frozen.</translation>
    </message>
    <message>
        <source>WARNING: the stored report no longer matches its hash.</source>
        <translation>WARNING: the stored report no longer matches its hash.</translation>
    </message>
    <message>
        <source>%1 — draft: the figures are counted now from completed and approved records by event date; they are frozen when you submit.</source>
        <translation>%1 — draft: the figures are counted now from completed and approved records by event date; they are frozen when you submit.</translation>
    </message>
    <message>
        <source>%1 draft record(s) in the period are not counted.</source>
        <translation>%1 draft record(s) in the period are not counted.</translation>
    </message>
    <message>
        <source>The station profile has not been filled in yet.</source>
        <translation>The station profile has not been filled in yet.</translation>
    </message>
    <message>
        <source>Report draft saved.</source>
        <translation>Report draft saved.</translation>
    </message>
    <message>
        <source>Submit the report</source>
        <translation>Submit the report</translation>
    </message>
    <message>
        <source>Submit the report for %1?

The figures are counted once more and frozen with the narrative: records added or changed later will not change this report.</source>
        <translation>Submit the report for %1?

The figures are counted once more and frozen with the narrative: records added or changed later will not change this report.</translation>
    </message>
    <message>
        <source>Report %1 submitted.</source>
        <translation>Report %1 submitted.</translation>
    </message>
    <message>
        <source>Station profile saved (version %1).</source>
        <translation>Station profile saved (version %1).</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Save the report as PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Report saved to %1 (%2 pages).</source>
        <translation>Report saved to %1 (%2 pages).</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Set a new password for %1. Only their key slot changes; their records are not touched.</source>
        <translation>Set a new password for %1. Only their key slot changes; their records are not touched.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <source>&amp;Set password</source>
        <translation>&amp;Set password</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>the same as your current password</source>
        <translation>the same as your current password</translation>
    </message>
    <message>
        <source>The station will be replaced by the backup in %1. The data there now is not deleted: it is moved to a dated folder inside the station folder. You will be logged out; log in again with the passwords the backup was made with.</source>
        <translation>The station will be replaced by the backup in %1. The data there now is not deleted: it is moved to a dated folder inside the station folder. You will be logged out; log in again with the passwords the backup was made with.</translation>
    </message>
    <message>
        <source>&amp;Your current password:</source>
        <translation>&amp;Your current password:</translation>
    </message>
    <message>
        <source>&amp;Supervisor in the backup:</source>
        <translation>&amp;Supervisor in the backup:</translation>
    </message>
    <message>
        <source>Their &amp;password then:</source>
        <translation>Their &amp;password then:</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <source>The backup has users who were removed from the station after it was made: %1. After the restore they can log in again until they are removed again, and they may know the backup&apos;s data key. Restore all the same?</source>
        <translation>The backup has users who were removed from the station after it was made: %1. After the restore they can log in again until they are removed again, and they may know the backup&apos;s data key. Restore all the same?</translation>
    </message>
    <message>
        <source>Restore finished</source>
        <translation>Restore finished</translation>
    </message>
</context>
<context>
    <name>ReviewQueuePage</name>
    <message>
        <source>Records waiting for approval</source>
        <translation>Records waiting for approval</translation>
    </message>
    <message>
        <source>&amp;Approve selected</source>
        <translation>&amp;Approve selected</translation>
    </message>
    <message>
        <source>&amp;Return with comment…</source>
        <translation>&amp;Return with comment…</translation>
    </message>
    <message>
        <source>%1 record(s) waiting. Ctrl+A selects them all.</source>
        <translation>%1 record(s) waiting. Ctrl+A selects them all.</translation>
    </message>
    <message>
        <source>At least %1 records waiting.</source>
        <translation>At least %1 records waiting.</translation>
    </message>
    <message>
        <source>%1 records selected.</source>
        <translation>%1 records selected.</translation>
    </message>
    <message>
        <source>Choose a record to read it here.</source>
        <translation>Choose a record to read it here.</translation>
    </message>
    <message>
        <source>&amp;Approve %1 selected</source>
        <translation>&amp;Approve %1 selected</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Approve %1 record(s)? Approved records are locked: changing one later needs an amendment with a reason.</source>
        <translation>Approve %1 record(s)? Approved records are locked: changing one later needs an amendment with a reason.</translation>
    </message>
    <message>
        <source>%1 record(s) approved.</source>
        <translation>%1 record(s) approved.</translation>
    </message>
    <message>
        <source>%1 not approved: %2</source>
        <translation>%1 not approved: %2</translation>
    </message>
    <message>
        <source>Return to the author</source>
        <translation>Return to the author</translation>
    </message>
    <message>
        <source>What must the author correct? The comment goes into the record&apos;s history; the record leaves this queue and comes back once the author amends it.</source>
        <translation>What must the author correct? The comment goes into the record&apos;s history; the record leaves this queue and comes back once the author amends it.</translation>
    </message>
    <message>
        <source>Returned to the author, who sees it under Returned to you; it comes back here once amended.</source>
        <translation>Returned to the author, who sees it under Returned to you; it comes back here once amended.</translation>
    </message>
    <message>
        <source>&amp;Return</source>
        <translation>&amp;Return</translation>
    </message>
</context>
<context>
    <name>RevisionsTableModel</name>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>RowDialog</name>
    <message>
        <source>%1 — row %2</source>
        <translation>%1 — row %2</translation>
    </message>
    <message>
        <source>&amp;Keep this row</source>
        <translation>&amp;Keep this row</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Backup made and checked.</source>
        <translation>Backup made and checked.</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <source>&amp;Lock after this long without activity:</source>
        <translation>&amp;Lock after this long without activity:</translation>
    </message>
    <message>
        <source>Transfer a crime report to the investigators &amp;within:</source>
        <translation>Transfer a crime report to the investigators &amp;within:</translation>
    </message>
    <message>
        <source>The law says “immediately”; the dashboard warns before this limit.</source>
        <translation>The law says “immediately”; the dashboard warns before this limit.</translation>
    </message>
    <message>
        <source>Only a supervisor can change station settings.</source>
        <translation>Only a supervisor can change station settings.</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>My account</source>
        <translation>My account</translation>
    </message>
    <message>
        <source>C&amp;hange my password…</source>
        <translation>C&amp;hange my password…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message numerus="yes">
        <source>The station now locks after %n minute(s) without activity.</source>
        <translation>
            <numerusform>The station now locks after %n minute without activity.</numerusform>
            <numerusform>The station now locks after %n minutes without activity.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new language is used the next time CAX Desk starts.</source>
        <translation>The new language is used the next time CAX Desk starts.</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>Password changed.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>CAX Desk — station set-up</source>
        <translation>CAX Desk — station set-up</translation>
    </message>
    <message>
        <source>Creating the station… this takes a few seconds.</source>
        <translation>Creating the station… this takes a few seconds.</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Type part of the commune or ward name; accents are optional.</source>
        <translation>Type part of the commune or ward name; accents are optional.</translation>
    </message>
    <message>
        <source>e.g. ba dinh</source>
        <translation>e.g. ba dinh</translation>
    </message>
    <message>
        <source>&amp;Commune or ward:</source>
        <translation>&amp;Commune or ward:</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Code:</translation>
    </message>
    <message>
        <source>&amp;Station name:</source>
        <translation>&amp;Station name:</translation>
    </message>
</context>
<context>
    <name>StationProfileDialog</name>
    <message>
        <source>Station profile (Resolution 12 indicators)</source>
        <translation>Station profile (Resolution 12 indicators)</translation>
    </message>
    <message>
        <source>Figures of the station&apos;s build-up that no record holds. Saving keeps the earlier versions: a report uses the version in force at the end of its period.</source>
        <translation>Figures of the station&apos;s build-up that no record holds. Saving keeps the earlier versions: a report uses the version in force at the end of its period.</translation>
    </message>
    <message>
        <source>Last saved: version %1, figures true on %2, by %3.</source>
        <translation>Last saved: version %1, figures true on %2, by %3.</translation>
    </message>
    <message>
        <source>Figures true on:</source>
        <translation>Figures true on:</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <source>Locked</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Logged out</translation>
    </message>
    <message>
        <source>Not enrolled for sync</source>
        <translation>Not enrolled for sync</translation>
    </message>
    <message>
        <source>Waiting to sync: %1</source>
        <translation>Waiting to sync: %1</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Connection not checked</source>
        <translation>Connection not checked</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>%1: Settings → Backup.</source>
        <translation>%1: Settings → Backup.</translation>
    </message>
    <message>
        <source>No recent backup: Settings → Backup.</source>
        <translation>No recent backup: Settings → Backup.</translation>
    </message>
</context>
<context>
    <name>StatusCountsTableModel</name>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>All forms</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <source>First supervisor</source>
        <translation>First supervisor</translation>
    </message>
    <message>
        <source>The station&apos;s head or deputy. They can add the other officers later.</source>
        <translation>The station&apos;s head or deputy. They can add the other officers later.</translation>
    </message>
    <message>
        <source>&amp;Create station</source>
        <translation>&amp;Create station</translation>
    </message>
    <message>
        <source>e.g. truong</source>
        <translation>e.g. truong</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Full name:</translation>
    </message>
</context>
<context>
    <name>SyncHistoryModel</name>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Received by the centre</source>
        <translation>Received by the centre</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>USB bundle</source>
        <translation>USB bundle</translation>
    </message>
    <message>
        <source>USB receipt</source>
        <translation>USB receipt</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync with the centre</source>
        <translation>Sync with the centre</translation>
    </message>
    <message>
        <source>&amp;Enrol…</source>
        <translation>&amp;Enrol…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>&amp;Declare a restore from backup…</source>
        <translation>&amp;Declare a restore from backup…</translation>
    </message>
    <message>
        <source>when a record is completed</source>
        <translation>when a record is completed</translation>
    </message>
    <message>
        <source>only after a supervisor approves it</source>
        <translation>only after a supervisor approves it</translation>
    </message>
    <message>
        <source>Sync &amp;automatically whenever the server can be reached</source>
        <translation>Sync &amp;automatically whenever the server can be reached</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>A&amp;pply</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Send a record to the centre:</source>
        <translation>Send a record to the centre:</translation>
    </message>
    <message>
        <source>Write a USB &amp;bundle…</source>
        <translation>Write a USB &amp;bundle…</translation>
    </message>
    <message>
        <source>Read a &amp;receipt…</source>
        <translation>Read a &amp;receipt…</translation>
    </message>
    <message>
        <source>No network at all</source>
        <translation>No network at all</translation>
    </message>
    <message>
        <source>Write the waiting records to a USB stick (encrypted for the centre), carry it to a connected office, and bring back the receipt.</source>
        <translation>Write the waiting records to a USB stick (encrypted for the centre), carry it to a connected office, and bring back the receipt.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Refused and held aside</source>
        <translation>Refused and held aside</translation>
    </message>
    <message>
        <source>Reports the centre holds otherwise</source>
        <translation>Reports the centre holds otherwise</translation>
    </message>
    <message>
        <source>checking the connection…</source>
        <translation>checking the connection…</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>Enrolled with %1 (this computer: %2) — %3.</source>
        <translation>Enrolled with %1 (this computer: %2) — %3.</translation>
    </message>
    <message>
        <source>Enrol &amp;again…</source>
        <translation>Enrol &amp;again…</translation>
    </message>
    <message>
        <source>Not enrolled yet: a supervisor enrols the station with the code the centre gives.</source>
        <translation>Not enrolled yet: a supervisor enrols the station with the code the centre gives.</translation>
    </message>
    <message>
        <source>Waiting to send: %1 · received by the centre: %2 · refused: %3 · held aside: %4</source>
        <translation>Waiting to send: %1 · received by the centre: %2 · refused: %3 · held aside: %4</translation>
    </message>
    <message>
        <source>Last successful sync: %1</source>
        <translation>Last successful sync: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>%1 submitted periodic report(s) waiting to be sent.</source>
        <translation>%1 submitted periodic report(s) waiting to be sent.</translation>
    </message>
    <message>
        <source>%1 report(s) held otherwise by the centre wait for a decision.</source>
        <translation>%1 report(s) held otherwise by the centre wait for a decision.</translation>
    </message>
    <message>
        <source>%1 record(s) returned by the centre with a comment.</source>
        <translation>%1 record(s) returned by the centre with a comment.</translation>
    </message>
    <message>
        <source>Reports the centre holds otherwise (%1)</source>
        <translation>Reports the centre holds otherwise (%1)</translation>
    </message>
    <message>
        <source>Refused and held aside (%1)</source>
        <translation>Refused and held aside (%1)</translation>
    </message>
    <message>
        <source>Connecting to the centre…</source>
        <translation>Connecting to the centre…</translation>
    </message>
    <message>
        <source>Sending: %1 of %2 records</source>
        <translation>Sending: %1 of %2 records</translation>
    </message>
    <message>
        <source>Sending periodic reports: %1 of %2</source>
        <translation>Sending periodic reports: %1 of %2</translation>
    </message>
    <message>
        <source>Sending attachments: %1 of %2 MB</source>
        <translation>Sending attachments: %1 of %2 MB</translation>
    </message>
    <message>
        <source>Receiving the centre&apos;s updates</source>
        <translation>Receiving the centre&apos;s updates</translation>
    </message>
    <message>
        <source>%1 sent, %2 received</source>
        <translation>%1 sent, %2 received</translation>
    </message>
    <message>
        <source>Cancelled: %1 record(s) received by the centre, the rest are sent next time.</source>
        <translation>Cancelled: %1 record(s) received by the centre, the rest are sent next time.</translation>
    </message>
    <message>
        <source>Done: %1 record(s) received by the centre, %2 update(s) received.</source>
        <translation>Done: %1 record(s) received by the centre, %2 update(s) received.</translation>
    </message>
    <message>
        <source>Declare a restore from backup</source>
        <translation>Declare a restore from backup</translation>
    </message>
    <message>
        <source>Only if this station&apos;s data was really restored from a backup: the centre will record the declaration with your name. Why was the backup restored?</source>
        <translation>Only if this station&apos;s data was really restored from a backup: the centre will record the declaration with your name. Why was the backup restored?</translation>
    </message>
    <message>
        <source>&amp;Declare</source>
        <translation>&amp;Declare</translation>
    </message>
    <message>
        <source>Restore declared. It goes to the centre with this sync.</source>
        <translation>Restore declared. It goes to the centre with this sync.</translation>
    </message>
    <message>
        <source>Station enrolled.</source>
        <translation>Station enrolled.</translation>
    </message>
    <message>
        <source>Sync settings saved.</source>
        <translation>Sync settings saved.</translation>
    </message>
    <message>
        <source>%1 record(s) will be sent again.</source>
        <translation>%1 record(s) will be sent again.</translation>
    </message>
    <message>
        <source>This station&apos;s report goes to the centre with the next sync.</source>
        <translation>This station&apos;s report goes to the centre with the next sync.</translation>
    </message>
    <message>
        <source>The centre&apos;s copy of the report is kept.</source>
        <translation>The centre&apos;s copy of the report is kept.</translation>
    </message>
    <message>
        <source>Write the USB bundle to</source>
        <translation>Write the USB bundle to</translation>
    </message>
    <message>
        <source>CAX sync bundles (*%1)</source>
        <translation>CAX sync bundles (*%1)</translation>
    </message>
    <message>
        <source>Nothing is waiting to be sent: no bundle was written.</source>
        <translation>Nothing is waiting to be sent: no bundle was written.</translation>
    </message>
    <message>
        <source>%1 record(s) written to %2. Bring back the receipt.</source>
        <translation>%1 record(s) written to %2. Bring back the receipt.</translation>
    </message>
    <message>
        <source>It also carries %1 attachment file(s).</source>
        <translation>It also carries %1 attachment file(s).</translation>
    </message>
    <message>
        <source>%1 more need another bundle.</source>
        <translation>%1 more need another bundle.</translation>
    </message>
    <message>
        <source>Read the receipt from</source>
        <translation>Read the receipt from</translation>
    </message>
    <message>
        <source>Receipt read: %1 record(s) received by the centre, %2 already known.</source>
        <translation>Receipt read: %1 record(s) received by the centre, %2 already known.</translation>
    </message>
    <message>
        <source>Attachments: %1 file(s) complete at the centre, %2 refused.</source>
        <translation>Attachments: %1 file(s) complete at the centre, %2 refused.</translation>
    </message>
</context>
<context>
    <name>SyncProblemsModel</name>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Refused by the centre</source>
        <translation>Refused by the centre</translation>
    </message>
    <message>
        <source>Held aside (conflict)</source>
        <translation>Held aside (conflict)</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>UnlockForm</name>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Log in</translation>
    </message>
    <message>
        <source>&amp;Forgot password?</source>
        <translation>&amp;Forgot password?</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Choose or type your user name.</source>
        <translation>Choose or type your user name.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Type your password.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Checking the password…</translation>
    </message>
    <message>
        <source>Opening the station… After an update of CAX Desk this can take a few minutes on a large station. Please wait.</source>
        <translation>Opening the station… After an update of CAX Desk this can take a few minutes on a large station. Please wait.</translation>
    </message>
    <message>
        <source>Updating the station&apos;s data for this version of CAX Desk: step %1 of %2. On a large station this takes a few minutes; please wait.</source>
        <translation>Updating the station&apos;s data for this version of CAX Desk: step %1 of %2. On a large station this takes a few minutes; please wait.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passwords. You can try again in %n second(s).</source>
        <translation>
            <numerusform>Too many wrong passwords. You can try again in %n second.</numerusform>
            <numerusform>Too many wrong passwords. You can try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Add user…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <source>Change r&amp;ole…</source>
        <translation>Change r&amp;ole…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>Re&amp;move…</translation>
    </message>
    <message>
        <source>Show removed &amp;users</source>
        <translation>Show removed &amp;users</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>User %1 added.</translation>
    </message>
    <message>
        <source>New password set for %1.</source>
        <translation>New password set for %1.</translation>
    </message>
    <message>
        <source>Role of %1 changed.</source>
        <translation>Role of %1 changed.</translation>
    </message>
    <message>
        <source>User %1 removed.</source>
        <translation>User %1 removed.</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Password changed</translation>
    </message>
</context>
<context>
    <name>YesNoEditor</name>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
</context>
</TS>
