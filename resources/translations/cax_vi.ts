<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Station %1 restored from the backup of %2 (%3 records).</source>
        <translation>Đã khôi phục đơn vị %1 từ bản sao lưu ngày %2 (%3 hồ sơ).</translation>
    </message>
    <message>
        <source>The data that was there before is kept in %1.</source>
        <translation>Dữ liệu có trước đó được giữ lại tại %1.</translation>
    </message>
    <message>
        <source>Log in with the passwords of the backup.</source>
        <translation>Hãy đăng nhập bằng mật khẩu của bản sao lưu.</translation>
    </message>
    <message>
        <source>Then remove these users again: %1.</source>
        <translation>Sau đó hãy xóa lại những người dùng này: %1.</translation>
    </message>
    <message>
        <source>The station uses the backup&apos;s data key again, which people who have left may still hold: replace it with &apos;cax db rekey&apos; (CAX Desk closed).</source>
        <translation>Đơn vị lại dùng khóa dữ liệu của bản sao lưu, mà những người đã rời đơn vị có thể còn giữ: hãy thay khóa bằng lệnh &apos;cax db rekey&apos; (đóng CAX Desk trước).</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Thêm người dùng</translation>
    </message>
    <message>
        <source>e.g. lan or tran.lan</source>
        <translation>ví dụ: lan hoặc tran.lan</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>&amp;Vai trò:</translation>
    </message>
    <message>
        <source>Give the password to the new user in person, never in a message.</source>
        <translation>Hãy trao mật khẩu trực tiếp cho người dùng mới, không gửi qua tin nhắn.</translation>
    </message>
    <message>
        <source>&amp;Add user</source>
        <translation>Thêm người &amp;dùng</translation>
    </message>
</context>
<context>
    <name>AttachmentsDialog</name>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>&amp;Attach files…</source>
        <translation>Đính &amp;kèm tệp…</translation>
    </message>
    <message>
        <source>&amp;Take photo…</source>
        <translation>&amp;Chụp ảnh…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Mở</translation>
    </message>
    <message>
        <source>&amp;Remove with reason…</source>
        <translation>&amp;Gỡ bỏ (nêu lý do)…</translation>
    </message>
    <message>
        <source>Save a &amp;copy…</source>
        <translation>Lưu &amp;bản sao…</translation>
    </message>
    <message>
        <source>A decrypted copy leaves the station&apos;s protection.</source>
        <translation>Bản sao đã giải mã nằm ngoài sự bảo vệ của phần mềm.</translation>
    </message>
    <message>
        <source>Photos (JPEG, PNG, HEIC) and PDF scans, dragged here, chosen with “Attach files” or taken with “Take photo”. Each change makes a new revision.</source>
        <translation>Ảnh (JPEG, PNG, HEIC) và bản quét PDF: kéo thả vào đây, chọn bằng “Đính kèm tệp” hoặc chụp bằng “Chụp ảnh”. Mỗi thay đổi tạo một lần sửa mới.</translation>
    </message>
    <message>
        <source>The files kept with this record.</source>
        <translation>Các tệp được lưu cùng hồ sơ này.</translation>
    </message>
    <message>
        <source>Take a photo with a camera or a scanner.</source>
        <translation>Chụp ảnh bằng máy ảnh (camera) hoặc máy quét.</translation>
    </message>
    <message>
        <source>No camera or scanner with a video feed is connected. A scanner without one: scan to a file, then “Attach files”.</source>
        <translation>Chưa kết nối máy ảnh (camera) hay máy quét nào có hình trực tiếp. Máy quét không có hình trực tiếp: quét ra tệp rồi dùng “Đính kèm tệp”.</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Đính kèm tệp</translation>
    </message>
    <message>
        <source>Photos and PDF scans (%1)</source>
        <translation>Ảnh và bản quét PDF (%1)</translation>
    </message>
    <message>
        <source>Attaching %1 file(s), %2…</source>
        <translation>Đang đính kèm %1 tệp, %2…</translation>
    </message>
    <message>
        <source>Photo %1.jpg</source>
        <translation>Ảnh chụp %1.jpg</translation>
    </message>
    <message>
        <source>Attaching %1…</source>
        <translation>Đang đính kèm %1…</translation>
    </message>
    <message>
        <source>Attached: %1.</source>
        <translation>Đã đính kèm: %1.</translation>
    </message>
    <message>
        <source>Remove an attached file</source>
        <translation>Gỡ bỏ tài liệu kèm theo</translation>
    </message>
    <message>
        <source>Why is “%1” being removed? Older revisions keep it; the reason is kept with the new revision.</source>
        <translation>Vì sao gỡ bỏ “%1”? Các lần sửa trước vẫn giữ tệp; lý do được lưu cùng lần sửa mới.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Gỡ bỏ</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>Đang gỡ bỏ %1…</translation>
    </message>
    <message>
        <source>Removed %1 (revision %2).</source>
        <translation>Đã gỡ bỏ %1 (lần sửa %2).</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Lưu bản sao</translation>
    </message>
    <message>
        <source>Copy saved to %1.</source>
        <translation>Đã lưu bản sao vào %1.</translation>
    </message>
</context>
<context>
    <name>AttachmentsTableModel</name>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Người thêm</translation>
    </message>
    <message>
        <source>Added at</source>
        <translation>Thời điểm thêm</translation>
    </message>
    <message>
        <source>Photo (JPEG)</source>
        <translation>Ảnh (JPEG)</translation>
    </message>
    <message>
        <source>Image (PNG)</source>
        <translation>Hình (PNG)</translation>
    </message>
    <message>
        <source>PDF scan</source>
        <translation>Bản quét PDF</translation>
    </message>
</context>
<context>
    <name>AuditDetails</name>
    <message>
        <source>role</source>
        <translation>vai trò</translation>
    </message>
    <message>
        <source>before</source>
        <translation>trước</translation>
    </message>
    <message>
        <source>after</source>
        <translation>sau</translation>
    </message>
    <message>
        <source>name</source>
        <translation>tên</translation>
    </message>
    <message>
        <source>record author</source>
        <translation>người lập hồ sơ</translation>
    </message>
    <message>
        <source>reviewer</source>
        <translation>người duyệt</translation>
    </message>
    <message>
        <source>by</source>
        <translation>bởi</translation>
    </message>
    <message>
        <source>by means of</source>
        <translation>bằng</translation>
    </message>
    <message>
        <source>users</source>
        <translation>người dùng</translation>
    </message>
    <message>
        <source>removed users</source>
        <translation>người dùng đã xóa</translation>
    </message>
    <message>
        <source>users back from the backup</source>
        <translation>người dùng được khôi phục theo bản sao lưu</translation>
    </message>
    <message>
        <source>supervisors</source>
        <translation>số chỉ huy</translation>
    </message>
    <message>
        <source>approved by its own author</source>
        <translation>người lập tự duyệt</translation>
    </message>
    <message>
        <source>authorised by</source>
        <translation>người cho phép</translation>
    </message>
    <message>
        <source>form</source>
        <translation>biểu mẫu</translation>
    </message>
    <message>
        <source>number</source>
        <translation>số</translation>
    </message>
    <message>
        <source>revision</source>
        <translation>lần sửa</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>bản nháp</translation>
    </message>
    <message>
        <source>errors accepted</source>
        <translation>lỗi được chấp nhận</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>lý do</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>ý kiến</translation>
    </message>
    <message>
        <source>older revisions</source>
        <translation>các lần sửa trước</translation>
    </message>
    <message>
        <source>output</source>
        <translation>in ra</translation>
    </message>
    <message>
        <source>paper</source>
        <translation>mẫu giấy in</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>số trang</translation>
    </message>
    <message>
        <source>fingerprint</source>
        <translation>dấu vân tay</translation>
    </message>
    <message>
        <source>format</source>
        <translation>định dạng</translation>
    </message>
    <message>
        <source>records</source>
        <translation>số hồ sơ</translation>
    </message>
    <message>
        <source>filters</source>
        <translation>bộ lọc</translation>
    </message>
    <message>
        <source>ID and phone numbers included</source>
        <translation>kèm số định danh và số điện thoại</translation>
    </message>
    <message>
        <source>file</source>
        <translation>tệp</translation>
    </message>
    <message>
        <source>size</source>
        <translation>dung lượng</translation>
    </message>
    <message>
        <source>made at</source>
        <translation>tạo lúc</translation>
    </message>
    <message>
        <source>made by</source>
        <translation>người tạo</translation>
    </message>
    <message>
        <source>station data replaced</source>
        <translation>dữ liệu đơn vị bị thay</translation>
    </message>
    <message>
        <source>period</source>
        <translation>kỳ</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>đã nộp</translation>
    </message>
    <message>
        <source>figures as of</source>
        <translation>số liệu tính đến</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>mục thay đổi</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>cài đặt</translation>
    </message>
    <message>
        <source>key slots</source>
        <translation>số khóa đăng nhập</translation>
    </message>
    <message>
        <source>key slots dropped</source>
        <translation>khóa đăng nhập bị bỏ</translation>
    </message>
    <message>
        <source>new recovery key</source>
        <translation>khóa khôi phục mới</translation>
    </message>
    <message>
        <source>key slots without a user</source>
        <translation>khóa đăng nhập không có người dùng</translation>
    </message>
    <message>
        <source>attachment files without a record, deleted</source>
        <translation>tệp đính kèm không thuộc hồ sơ nào, đã xóa</translation>
    </message>
    <message>
        <source>entries checked</source>
        <translation>số mục đã kiểm tra</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>nguyên vẹn</translation>
    </message>
    <message>
        <source>broken at entry</source>
        <translation>hỏng tại mục</translation>
    </message>
    <message>
        <source>how</source>
        <translation>cách</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>số lỗi</translation>
    </message>
    <message>
        <source>key file</source>
        <translation>tệp khóa</translation>
    </message>
    <message>
        <source>expected</source>
        <translation>dự kiến</translation>
    </message>
    <message>
        <source>found</source>
        <translation>thực tế</translation>
    </message>
    <message>
        <source>server</source>
        <translation>máy chủ</translation>
    </message>
    <message>
        <source>device</source>
        <translation>máy</translation>
    </message>
    <message>
        <source>CA certificate pinned</source>
        <translation>đã ghi nhận chứng thư CA</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>kết nối</translation>
    </message>
    <message>
        <source>session</source>
        <translation>phiên</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>kết quả</translation>
    </message>
    <message>
        <source>error</source>
        <translation>lỗi</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <source>received by the centre</source>
        <translation>trung tâm đã nhận</translation>
    </message>
    <message>
        <source>refused by the centre</source>
        <translation>trung tâm từ chối</translation>
    </message>
    <message>
        <source>conflicts</source>
        <translation>xung đột</translation>
    </message>
    <message>
        <source>updates received</source>
        <translation>cập nhật đã nhận</translation>
    </message>
    <message>
        <source>reports sent</source>
        <translation>báo cáo đã gửi</translation>
    </message>
    <message>
        <source>reports received by the centre</source>
        <translation>báo cáo trung tâm đã nhận</translation>
    </message>
    <message>
        <source>sent again</source>
        <translation>gửi lại</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>kiểu</translation>
    </message>
    <message>
        <source>declaration</source>
        <translation>lời khai báo</translation>
    </message>
    <message>
        <source>last entry</source>
        <translation>mục cuối</translation>
    </message>
    <message>
        <source>last entry&apos;s fingerprint</source>
        <translation>dấu vân tay của mục cuối</translation>
    </message>
    <message>
        <source>search</source>
        <translation>tìm</translation>
    </message>
    <message>
        <source>status</source>
        <translation>trạng thái</translation>
    </message>
    <message>
        <source>commune</source>
        <translation>xã/phường</translation>
    </message>
    <message>
        <source>from</source>
        <translation>từ</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>sai mật khẩu</translation>
    </message>
    <message>
        <source>unknown user</source>
        <translation>không có người dùng</translation>
    </message>
    <message>
        <source>removed user</source>
        <translation>người dùng đã xóa</translation>
    </message>
    <message>
        <source>wrong recovery key</source>
        <translation>sai khóa khôi phục</translation>
    </message>
    <message>
        <source>locked by the user</source>
        <translation>người dùng khóa màn hình</translation>
    </message>
    <message>
        <source>locked after inactivity</source>
        <translation>tự khóa do không thao tác</translation>
    </message>
    <message>
        <source>logged out</source>
        <translation>đăng xuất</translation>
    </message>
    <message>
        <source>program closed</source>
        <translation>đóng chương trình</translation>
    </message>
    <message>
        <source>recovery key</source>
        <translation>khóa khôi phục</translation>
    </message>
    <message>
        <source>altered</source>
        <translation>bị sửa</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>bị xóa</translation>
    </message>
    <message>
        <source>reordered</source>
        <translation>bị đổi thứ tự</translation>
    </message>
    <message>
        <source>without its writer&apos;s signature</source>
        <translation>thiếu chữ ký của người ghi</translation>
    </message>
    <message>
        <source>signed with another key</source>
        <translation>ký bằng khóa khác</translation>
    </message>
    <message>
        <source>the centre</source>
        <translation>trung tâm</translation>
    </message>
    <message>
        <source>printer</source>
        <translation>máy in</translation>
    </message>
    <message>
        <source>PDF file</source>
        <translation>tệp PDF</translation>
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
        <translation>bình thường</translation>
    </message>
    <message>
        <source>encrypted (https)</source>
        <translation>mã hóa (https)</translation>
    </message>
    <message>
        <source>this computer only (http)</source>
        <translation>chỉ trong máy này (http)</translation>
    </message>
    <message>
        <source>unencrypted trial (http)</source>
        <translation>thử nghiệm không mã hóa (http)</translation>
    </message>
    <message>
        <source>bundle written for the centre</source>
        <translation>ghi gói đồng bộ gửi trung tâm</translation>
    </message>
    <message>
        <source>the centre&apos;s receipt read</source>
        <translation>nhập biên nhận của trung tâm</translation>
    </message>
    <message>
        <source>auto-lock minutes</source>
        <translation>số phút tự khóa</translation>
    </message>
    <message>
        <source>backup reminder days</source>
        <translation>số ngày nhắc sao lưu</translation>
    </message>
    <message>
        <source>last backup</source>
        <translation>lần sao lưu gần nhất</translation>
    </message>
    <message>
        <source>hours to transfer a crime report</source>
        <translation>số giờ chuyển tin báo tội phạm</translation>
    </message>
    <message>
        <source>when records go to the centre</source>
        <translation>thời điểm gửi hồ sơ lên trung tâm</translation>
    </message>
    <message>
        <source>automatic sync</source>
        <translation>tự động đồng bộ</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hoàn tất</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>thất bại</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>đã hủy</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>bị gián đoạn</translation>
    </message>
    <message>
        <source>running</source>
        <translation>đang chạy</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>phiên bản %1</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>altered</source>
        <translation>bị sửa</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>bị xóa</translation>
    </message>
    <message>
        <source>moved out of order</source>
        <translation>bị đổi thứ tự</translation>
    </message>
    <message>
        <source>left without its writer&apos;s signature</source>
        <translation>thiếu chữ ký của người ghi</translation>
    </message>
    <message>
        <source>signed with a key that is not its writer&apos;s certified key</source>
        <translation>được ký bằng một khóa không phải khóa đã chứng nhận của người ghi</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Tất cả thao tác</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Kiểm tra toàn vẹn</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Hiển thị:</translation>
    </message>
    <message>
        <source>Checking every entry of the audit log…</source>
        <translation>Đang kiểm tra từng mục của nhật ký thao tác…</translation>
    </message>
    <message>
        <source>The audit log is intact: all %1 entries checked.</source>
        <translation>Nhật ký thao tác nguyên vẹn: đã kiểm tra đủ %1 mục.</translation>
    </message>
    <message>
        <source>The audit log has been tampered with: entry No. %1 was %2. The %3 entries before it are intact. Report this to your superior and leave the station folder as it is.</source>
        <translation>Nhật ký thao tác đã bị can thiệp: mục số %1 %2. %3 mục trước đó vẫn nguyên vẹn. Hãy báo cáo cấp trên và giữ nguyên thư mục dữ liệu của đơn vị.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
</context>
<context>
    <name>BackupPanel</name>
    <message>
        <source>Backup</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation> ngày</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>Á&amp;p dụng</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Sao lưu ngay…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <source>Last backup:</source>
        <translation>Lần sao lưu gần nhất:</translation>
    </message>
    <message>
        <source>Remind when older than:</source>
        <translation>Nhắc khi cũ hơn:</translation>
    </message>
    <message>
        <source>Only a supervisor can back up or restore the station.</source>
        <translation>Chỉ chỉ huy mới được sao lưu hoặc khôi phục dữ liệu đơn vị.</translation>
    </message>
    <message>
        <source>Back up the station to</source>
        <translation>Sao lưu dữ liệu đơn vị vào</translation>
    </message>
    <message>
        <source>CAX Desk backups (*%1)</source>
        <translation>Bản sao lưu CAX Desk (*%1)</translation>
    </message>
    <message>
        <source>Backing up and checking the copy…</source>
        <translation>Đang sao lưu và kiểm tra bản sao…</translation>
    </message>
    <message>
        <source>Backed up %1 record(s) to %2. The copy was checked and stays encrypted.</source>
        <translation>Đã sao lưu %1 hồ sơ vào %2. Bản sao đã được kiểm tra và vẫn được mã hóa.</translation>
    </message>
    <message>
        <source>The backup was not made.</source>
        <translation>Chưa sao lưu được.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <source>Restore from</source>
        <translation>Khôi phục từ</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <source>Take a photo</source>
        <translation>Chụp ảnh</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>&amp;Chụp</translation>
    </message>
    <message>
        <source>&amp;Retake</source>
        <translation>Chụp &amp;lại</translation>
    </message>
    <message>
        <source>&amp;Use this photo</source>
        <translation>&amp;Dùng ảnh này</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Thiết bị:</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Máy ảnh</translation>
    </message>
    <message>
        <source>No camera or scanner with a video feed is connected. Connect one; it shows here by itself. A scanner without one: scan to a file, then “Attach files”.</source>
        <translation>Chưa kết nối máy ảnh (camera) hay máy quét nào có hình trực tiếp. Hãy cắm thiết bị vào; thiết bị sẽ tự hiện ở đây. Máy quét không có hình trực tiếp: quét ra tệp rồi dùng “Đính kèm tệp”.</translation>
    </message>
    <message>
        <source>Frame the paper or the scene, then press “Capture”.</source>
        <translation>Đưa giấy tờ hoặc cảnh cần chụp vào khung hình, rồi bấm “Chụp”.</translation>
    </message>
    <message>
        <source>Use this photo, or retake it.</source>
        <translation>Dùng ảnh này, hoặc chụp lại.</translation>
    </message>
    <message>
        <source>The photo could not be taken. Try again, or choose another device.</source>
        <translation>Không chụp được ảnh. Hãy thử lại hoặc chọn thiết bị khác.</translation>
    </message>
    <message>
        <source>The device stopped answering. Check its cable, or choose another device.</source>
        <translation>Thiết bị không phản hồi. Hãy kiểm tra dây cắm hoặc chọn thiết bị khác.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Đổi mật khẩu của tôi</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>Mật khẩu &amp;hiện tại:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>Mật khẩu &amp;mới:</translation>
    </message>
    <message>
        <source>&amp;Change password</source>
        <translation>Đổ&amp;i mật khẩu</translation>
    </message>
</context>
<context>
    <name>ChangeRoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>Đổi vai trò</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Người dùng:</translation>
    </message>
    <message>
        <source>New &amp;role:</source>
        <translation>&amp;Vai trò mới:</translation>
    </message>
    <message>
        <source>Supervisors can manage users, approve records and read the audit log.</source>
        <translation>Chỉ huy được quản lý người dùng, duyệt hồ sơ và xem nhật ký thao tác.</translation>
    </message>
    <message>
        <source>&amp;Change role</source>
        <translation>Đổi vai t&amp;rò</translation>
    </message>
</context>
<context>
    <name>ChoiceEditor</name>
    <message>
        <source>Type to search…</source>
        <translation>Gõ để tìm…</translation>
    </message>
</context>
<context>
    <name>CodedText</name>
    <message>
        <source>a reason this version does not know</source>
        <translation>một lý do mà phiên bản này chưa biết</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Hello, %1!</source>
        <translation>Xin chào, %1!</translation>
    </message>
    <message>
        <source>%1 · station code %2 · you are logged in as %3.</source>
        <translation>%1 · mã đơn vị %2 · bạn đăng nhập với vai trò %3.</translation>
    </message>
    <message>
        <source>Your drafts</source>
        <translation>Bản nháp của bạn</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>Chờ duyệt</translation>
    </message>
    <message>
        <source>Returned to you</source>
        <translation>Bị trả lại cho bạn</translation>
    </message>
    <message>
        <source>Changed today at the station</source>
        <translation>Cập nhật hôm nay tại đơn vị</translation>
    </message>
    <message>
        <source>Changed today by you</source>
        <translation>Bạn cập nhật hôm nay</translation>
    </message>
    <message>
        <source>Not yet at the centre</source>
        <translation>Chưa gửi lên trung tâm</translation>
    </message>
    <message>
        <source>Records by month of the event</source>
        <translation>Hồ sơ theo tháng xảy ra sự việc</translation>
    </message>
    <message>
        <source>All forms, by form</source>
        <translation>Tất cả biểu mẫu, theo biểu mẫu</translation>
    </message>
    <message>
        <source>Work waiting</source>
        <translation>Việc đang chờ</translation>
    </message>
    <message>
        <source>C&amp;harts:</source>
        <translation>&amp;Biểu đồ:</translation>
    </message>
    <message>
        <source>Records by form and status</source>
        <translation>Hồ sơ theo biểu mẫu và trạng thái</translation>
    </message>
    <message>
        <source>No deadline at risk.</source>
        <translation>Không có việc nào sắp quá hạn.</translation>
    </message>
    <message>
        <source>Deadlines at risk</source>
        <translation>Việc sắp đến hạn, quá hạn</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 theo %2</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <source>The station is not enrolled for sync.</source>
        <translation>Đơn vị chưa đăng ký đồng bộ với trung tâm.</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Nháp</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Bị trả lại</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>Chờ duyệt</translation>
    </message>
    <message>
        <source>Unsent</source>
        <translation>Chưa gửi</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>Choose on a calendar (Alt+Down)</source>
        <translation>Chọn trên lịch (Alt+↓)</translation>
    </message>
</context>
<context>
    <name>DeadlinesTableModel</name>
    <message>
        <source>Due</source>
        <translation>Hạn</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Việc</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Crime report not transferred</source>
        <translation>Nguồn tin chưa chuyển CQĐT</translation>
    </message>
    <message>
        <source>Supervision check-in</source>
        <translation>Kiểm tra người được giám sát</translation>
    </message>
    <message>
        <source>%1 (overdue)</source>
        <translation>%1 (quá hạn)</translation>
    </message>
    <message>
        <source>%1 (soon)</source>
        <translation>%1 (sắp đến hạn)</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Enrol the station with the centre</source>
        <translation>Đăng ký đơn vị với trung tâm</translation>
    </message>
    <message>
        <source>the one-time code from the centre</source>
        <translation>mã dùng một lần do trung tâm cấp</translation>
    </message>
    <message>
        <source>the centre&apos;s CA certificate (.pem)</source>
        <translation>chứng thư CA của trung tâm (.pem)</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Chọn…</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>Địa chỉ &amp;máy chủ:</translation>
    </message>
    <message>
        <source>&amp;Enrolment code:</source>
        <translation>Mã đă&amp;ng ký:</translation>
    </message>
    <message>
        <source>&amp;CA certificate:</source>
        <translation>Chứng thư C&amp;A:</translation>
    </message>
    <message>
        <source>Chec&amp;k the server</source>
        <translation>&amp;Kiểm tra máy chủ</translation>
    </message>
    <message>
        <source>I compared the fingerprint with the one the centre announced</source>
        <translation>Tôi đã đối chiếu dấu vân tay với dấu vân tay trung tâm thông báo</translation>
    </message>
    <message>
        <source>&amp;Enrol</source>
        <translation>Đăng &amp;ký</translation>
    </message>
    <message>
        <source>The centre gives each station a server address, a one-time enrolment code and its CA certificate. Check the server first: its identity is shown before anything is sent.</source>
        <translation>Trung tâm cấp cho mỗi đơn vị địa chỉ máy chủ, mã đăng ký dùng một lần và chứng thư CA. Hãy kiểm tra máy chủ trước: danh tính của máy chủ được hiển thị trước khi gửi bất cứ thông tin gì.</translation>
    </message>
    <message>
        <source>The centre&apos;s CA certificate</source>
        <translation>Chứng thư CA của trung tâm</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Chứng thư (*.pem *.crt *.cer);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Đang hỏi máy chủ…</translation>
    </message>
    <message>
        <source>The server answered: CAX server %1.</source>
        <translation>Máy chủ đã trả lời: CAX server %1.</translation>
    </message>
    <message>
        <source>Plain http: records travel unencrypted. Use it only for a trial.</source>
        <translation>Giao thức http thường: hồ sơ truyền đi không được mã hóa. Chỉ dùng để thử nghiệm.</translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>Chứng thư: %1</translation>
    </message>
    <message>
        <source>Issued by: %1</source>
        <translation>Cấp bởi: %1</translation>
    </message>
    <message>
        <source>Valid until: %1</source>
        <translation>Hiệu lực đến: %1</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Dấu vân tay SHA-256:</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>CAX Desk — Error</source>
        <translation>CAX Desk — Lỗi</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export records</source>
        <translation>Xuất danh sách hồ sơ</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Bảng tính Excel (.xlsx)</translation>
    </message>
    <message>
        <source>CSV text, UTF-8 (.csv)</source>
        <translation>Văn bản CSV, UTF-8 (.csv)</translation>
    </message>
    <message>
        <source>Include &amp;sensitive personal data</source>
        <translation>Kèm dữ liệu cá nhân &amp;nhạy cảm</translation>
    </message>
    <message>
        <source>Ethnicity, religion, reported facts… (Decree 356): only when needed.</source>
        <translation>Dân tộc, tôn giáo, nội dung tố giác… (Nghị định 356): chỉ khi thật cần.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn…</translation>
    </message>
    <message>
        <source>Every record that matches the list&apos;s current search and filters, not only the rows loaded on screen.</source>
        <translation>Mọi hồ sơ khớp với tìm kiếm và bộ lọc hiện tại của danh sách, không chỉ các dòng đang hiện trên màn hình.</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>Định &amp;dạng:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Tệp:</translation>
    </message>
    <message>
        <source>The file is not encrypted: keep it on this computer or an approved USB stick, and delete it when done. Every export is written to the audit log.</source>
        <translation>Tệp xuất ra không được mã hóa: chỉ lưu trên máy này hoặc USB được phép, và xóa khi dùng xong. Mọi lần xuất đều được ghi nhật ký.</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Xuất</translation>
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
        <translation>Xuất ra</translation>
    </message>
</context>
<context>
    <name>FieldsPanel</name>
    <message>
        <source>Former codes</source>
        <translation>Mã đơn vị hành chính cũ</translation>
    </message>
</context>
<context>
    <name>GroupEditor</name>
    <message>
        <source>Add a row</source>
        <translation>Thêm dòng</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>Phím Insert</translation>
    </message>
    <message>
        <source>Edit row</source>
        <translation>Sửa dòng</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Xóa dòng</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Phím Delete</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>Dòng %1</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>CAX Desk — user guide</source>
        <translation>CAX Desk — hướng dẫn sử dụng</translation>
    </message>
    <message>
        <source>The user guide is missing from this installation. Reinstall CAX Desk.</source>
        <translation>Bản cài đặt này thiếu tài liệu hướng dẫn. Hãy cài lại CAX Desk.</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Phóng to</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Thu nhỏ</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Vừa cửa sổ</translation>
    </message>
    <message>
        <source>Turn &amp;left</source>
        <translation>Xoay &amp;trái</translation>
    </message>
    <message>
        <source>Turn &amp;right</source>
        <translation>Xoay &amp;phải</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
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
        <translation>Chào mừng đến với CAX Desk</translation>
    </message>
    <message>
        <source>This computer has no station yet. In three short steps you will choose the commune, create the first supervisor account and receive the recovery key.

Everything is stored encrypted on this computer; nothing is sent anywhere.</source>
        <translation>Máy tính này chưa có dữ liệu của đơn vị. Qua ba bước ngắn, bạn sẽ chọn xã/phường, tạo tài khoản chỉ huy đầu tiên và nhận khóa khôi phục.

Mọi dữ liệu được mã hóa và lưu trên máy tính này; không gửi đi đâu cả.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Officer</source>
        <translation>Cán bộ</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Chỉ huy</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Đã xóa</translation>
    </message>
    <message>
        <source>Station set up</source>
        <translation>Thiết lập đơn vị</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>Đăng nhập thất bại</translation>
    </message>
    <message>
        <source>Failed-login counters were deleted or reset</source>
        <translation>Bộ đếm đăng nhập sai bị xóa hoặc đặt lại</translation>
    </message>
    <message>
        <source>Logged out or locked</source>
        <translation>Đăng xuất hoặc khóa màn hình</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>Thêm người dùng</translation>
    </message>
    <message>
        <source>User removed</source>
        <translation>Xóa người dùng</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Đổi mật khẩu</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Đặt lại mật khẩu</translation>
    </message>
    <message>
        <source>Recovery key used</source>
        <translation>Dùng khóa khôi phục</translation>
    </message>
    <message>
        <source>Data key replaced</source>
        <translation>Thay khóa dữ liệu</translation>
    </message>
    <message>
        <source>Database checked</source>
        <translation>Kiểm tra cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Audit log verified</source>
        <translation>Kiểm tra nhật ký</translation>
    </message>
    <message>
        <source>Record created</source>
        <translation>Tạo hồ sơ</translation>
    </message>
    <message>
        <source>Record changed</source>
        <translation>Sửa hồ sơ</translation>
    </message>
    <message>
        <source>Record viewed</source>
        <translation>Xem hồ sơ</translation>
    </message>
    <message>
        <source>Record completed</source>
        <translation>Hoàn thành hồ sơ</translation>
    </message>
    <message>
        <source>Record approved</source>
        <translation>Duyệt hồ sơ</translation>
    </message>
    <message>
        <source>Record returned</source>
        <translation>Trả lại hồ sơ</translation>
    </message>
    <message>
        <source>Record amended</source>
        <translation>Sửa đổi hồ sơ</translation>
    </message>
    <message>
        <source>Record accepted by the centre</source>
        <translation>Trung tâm chấp nhận hồ sơ</translation>
    </message>
    <message>
        <source>Record voided</source>
        <translation>Hủy hồ sơ</translation>
    </message>
    <message>
        <source>Record printed</source>
        <translation>In hồ sơ</translation>
    </message>
    <message>
        <source>Record exported</source>
        <translation>Xuất hồ sơ</translation>
    </message>
    <message>
        <source>File attached</source>
        <translation>Đính kèm tệp</translation>
    </message>
    <message>
        <source>Attached file removed</source>
        <translation>Gỡ bỏ tài liệu kèm theo</translation>
    </message>
    <message>
        <source>Attached file copied out</source>
        <translation>Lưu bản sao tài liệu kèm theo</translation>
    </message>
    <message>
        <source>Synchronised</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <source>Enrolled with the centre</source>
        <translation>Đăng ký với trung tâm</translation>
    </message>
    <message>
        <source>Roles signed</source>
        <translation>Ký danh sách vai trò</translation>
    </message>
    <message>
        <source>Restore declared to the centre</source>
        <translation>Đã khai báo khôi phục với trung tâm</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>Đổi vai trò</translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation>Đổi cài đặt</translation>
    </message>
    <message>
        <source>Records exported</source>
        <translation>Xuất danh sách hồ sơ</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Sao lưu</translation>
    </message>
    <message>
        <source>Restored from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>Station profile changed</source>
        <translation>Sửa hồ sơ đơn vị</translation>
    </message>
    <message>
        <source>Report draft saved</source>
        <translation>Lưu nháp báo cáo</translation>
    </message>
    <message>
        <source>Report submitted</source>
        <translation>Nộp báo cáo</translation>
    </message>
    <message>
        <source>Report printed</source>
        <translation>In báo cáo</translation>
    </message>
    <message>
        <source>Never backed up</source>
        <translation>Chưa sao lưu lần nào</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Locked</source>
        <translation>Đã khóa màn hình</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>Mở &amp;khóa</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Đã đăng xuất</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>Đăng &amp;nhập</translation>
    </message>
    <message>
        <source>%1: logged out at %2. Log in to continue.</source>
        <translation>%1: đã đăng xuất lúc %2. Hãy đăng nhập để tiếp tục.</translation>
    </message>
    <message>
        <source>%1 was locked at %2 after a period without activity.</source>
        <translation>%1 đã tự khóa lúc %2 do không có thao tác trong một thời gian.</translation>
    </message>
    <message>
        <source>%1 was locked at %2.</source>
        <translation>%1 đã khóa lúc %2.</translation>
    </message>
    <message>
        <source>Unsaved work is kept until %3 unlocks again.</source>
        <translation>Phần việc chưa lưu được giữ lại cho đến khi %3 mở khóa.</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <source>CAX Desk — log in</source>
        <translation>CAX Desk — đăng nhập</translation>
    </message>
    <message>
        <source>CAX Desk</source>
        <translation>CAX Desk</translation>
    </message>
    <message>
        <source>Data entry for the commune police station</source>
        <translation>Phần mềm nhập liệu của Công an cấp xã</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Phiên bản %1</translation>
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
        <translation>Đơn &amp;vị</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Khóa màn hình</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Đăng &amp;xuất</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Hướng dẫn sử dụng</translation>
    </message>
    <message>
        <source>&amp;About CAX Desk</source>
        <translation>&amp;Giới thiệu CAX Desk</translation>
    </message>
    <message>
        <source>About CAX Desk</source>
        <translation>Giới thiệu CAX Desk</translation>
    </message>
    <message>
        <source>CAX Desk %1
Offline data entry for commune police stations.</source>
        <translation>CAX Desk %1
Phần mềm nhập liệu không cần mạng dành cho Công an cấp xã.</translation>
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
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Nhập lại mật khẩu:</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Audit log</source>
        <translation>Nhật ký thao tác</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>Hồ sơ mới</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Danh sách hồ sơ</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Duyệt hồ sơ</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Periodic report</source>
        <translation>Báo cáo định kỳ</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>Caps Lock is on.</source>
        <translation>Phím Caps Lock đang bật.</translation>
    </message>
</context>
<context>
    <name>PasswordStrengthBar</name>
    <message>
        <source>Too short</source>
        <translation>Quá ngắn</translation>
    </message>
    <message>
        <source>Too weak</source>
        <translation>Quá yếu</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Trung bình</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Khá</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>Mạnh</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Phóng to</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Thu nhỏ</translation>
    </message>
    <message>
        <source>&amp;Fit width</source>
        <translation>&amp;Vừa chiều ngang</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>%1 page(s)</source>
        <translation>%1 trang</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>Reporting month (15th–14th)</source>
        <translation>Kỳ báo cáo tháng (từ ngày 15 đến ngày 14)</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <source>6 months</source>
        <translation>6 tháng</translation>
    </message>
    <message>
        <source>9 months</source>
        <translation>9 tháng</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Tuần</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Tùy chọn ngày</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Kỳ báo cáo:</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>Tháng %1</translation>
    </message>
    <message>
        <source>Quarter %1</source>
        <translation>Quý %1</translation>
    </message>
    <message>
        <source>First half</source>
        <translation>6 tháng đầu năm</translation>
    </message>
    <message>
        <source>Second half</source>
        <translation>6 tháng cuối năm</translation>
    </message>
    <message>
        <source>Week %1</source>
        <translation>Tuần %1</translation>
    </message>
</context>
<context>
    <name>ProblemMessages</name>
    <message>
        <source>This must be filled in.</source>
        <translation>Bắt buộc phải nhập.</translation>
    </message>
    <message>
        <source>This value is not part of the form.</source>
        <translation>Giá trị này không thuộc biểu mẫu.</translation>
    </message>
    <message>
        <source>Wrong kind of value: %1 expected.</source>
        <translation>Sai kiểu dữ liệu: cần %1.</translation>
    </message>
    <message>
        <source>Too short: write at least %1 characters.</source>
        <translation>Quá ngắn: cần ít nhất %1 ký tự.</translation>
    </message>
    <message>
        <source>Too long: at most %1 characters.</source>
        <translation>Quá dài: tối đa %1 ký tự.</translation>
    </message>
    <message>
        <source>Not in the expected format.</source>
        <translation>Không đúng định dạng.</translation>
    </message>
    <message>
        <source>Must not be less than %1.</source>
        <translation>Không được nhỏ hơn %1.</translation>
    </message>
    <message>
        <source>Must not be more than %1.</source>
        <translation>Không được lớn hơn %1.</translation>
    </message>
    <message>
        <source>Type a whole number.</source>
        <translation>Nhập số nguyên.</translation>
    </message>
    <message>
        <source>Type a number, e.g. 12,5.</source>
        <translation>Nhập một số, ví dụ 12,5.</translation>
    </message>
    <message>
        <source>Type a whole amount in đồng, e.g. 1.500.000.</source>
        <translation>Nhập số tiền chẵn đồng, ví dụ 1.500.000.</translation>
    </message>
    <message>
        <source>“%1” is not in the list: choose one of its entries.</source>
        <translation>“%1” không có trong danh sách: hãy chọn một mục của danh sách.</translation>
    </message>
    <message>
        <source>Add at least %1 row(s).</source>
        <translation>Cần ít nhất %1 dòng.</translation>
    </message>
    <message>
        <source>At most %1 row(s) are allowed.</source>
        <translation>Tối đa %1 dòng.</translation>
    </message>
    <message>
        <source>Fill in at least one of: %1.</source>
        <translation>Nhập ít nhất một trong các mục: %1.</translation>
    </message>
    <message>
        <source>Type the date as dd/mm/yyyy.</source>
        <translation>Nhập ngày theo dạng ngày/tháng/năm (dd/mm/yyyy).</translation>
    </message>
    <message>
        <source>Type the date and time as dd/mm/yyyy hh:mm.</source>
        <translation>Nhập ngày giờ theo dạng dd/mm/yyyy hh:mm.</translation>
    </message>
    <message>
        <source>This is in the future.</source>
        <translation>Thời điểm này ở tương lai.</translation>
    </message>
    <message>
        <source>Must not be before “%1”.</source>
        <translation>Không được trước “%1”.</translation>
    </message>
    <message>
        <source>A personal ID number has exactly 12 digits.</source>
        <translation>Số định danh cá nhân phải có đúng 12 chữ số.</translation>
    </message>
    <message>
        <source>The first digits %1 are not a province code: check the number.</source>
        <translation>Ba chữ số đầu %1 không phải mã tỉnh: kiểm tra lại số.</translation>
    </message>
    <message>
        <source>The ID number is that of a %1: check the sex or the number.</source>
        <translation>Số định danh này là của %1: kiểm tra lại giới tính hoặc số.</translation>
    </message>
    <message>
        <source>The ID number gives %1 as the year of birth: check the date of birth or the number.</source>
        <translation>Số định danh cho năm sinh %1: kiểm tra lại ngày sinh hoặc số.</translation>
    </message>
    <message>
        <source>A former ID card (CMND) number has 9 or 12 digits.</source>
        <translation>Số CMND có 9 hoặc 12 chữ số.</translation>
    </message>
    <message>
        <source>Unusual document number (Vietnamese passports read like C1234567).</source>
        <translation>Số giấy tờ khác thường (hộ chiếu Việt Nam có dạng C1234567).</translation>
    </message>
    <message>
        <source>A tax code has 10 digits, or 10 digits, a dash and 3 digits.</source>
        <translation>Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số.</translation>
    </message>
    <message>
        <source>Not a Vietnamese phone number (e.g. 0912 345 678).</source>
        <translation>Không phải số điện thoại Việt Nam (ví dụ 0912 345 678).</translation>
    </message>
    <message>
        <source>The prefix %1 belongs to no known network: check the number.</source>
        <translation>Đầu số %1 không thuộc nhà mạng nào: kiểm tra lại số.</translation>
    </message>
    <message>
        <source>The old 11-digit number %1 was changed to %2.</source>
        <translation>Số cũ 11 chữ số %1 đã được đổi thành %2.</translation>
    </message>
    <message>
        <source>Not a number plate (e.g. 29A-123.45 or 29B1-234.56).</source>
        <translation>Không đúng dạng biển số (ví dụ 29A-123.45 hoặc 29B1-234.56).</translation>
    </message>
    <message>
        <source>Special series %1 (diplomatic, foreign or military): check it.</source>
        <translation>Biển số sê-ri đặc biệt %1 (ngoại giao, nước ngoài, quân đội): kiểm tra lại.</translation>
    </message>
    <message>
        <source>%1 is not in %2.</source>
        <translation>%1 không thuộc %2.</translation>
    </message>
    <message>
        <source>This place is outside the station&apos;s commune.</source>
        <translation>Địa điểm này nằm ngoài địa bàn của đơn vị.</translation>
    </message>
    <message>
        <source>The violator did not sign: add a witness or write why they refused.</source>
        <translation>Người vi phạm không ký: cần có người chứng kiến hoặc ghi rõ lý do từ chối ký.</translation>
    </message>
    <message>
        <source>The fine must lie within the provision&apos;s frame: %1 to %2 đồng.</source>
        <translation>Số tiền phạt phải nằm trong khung của quy định: từ %1 đến %2 đồng.</translation>
    </message>
    <message>
        <source>The person issuing may impose a fine of at most %1 đồng.</source>
        <translation>Người ra quyết định chỉ có thẩm quyền phạt tiền đến %1 đồng.</translation>
    </message>
    <message>
        <source>“%1” is not in the legal catalogue.</source>
        <translation>“%1” không có trong danh mục pháp luật.</translation>
    </message>
    <message>
        <source>This provision was not in force on %1, the day of the violation: choose the one in force then.</source>
        <translation>Quy định này không có hiệu lực vào ngày %1 (ngày vi phạm): chọn quy định có hiệu lực tại thời điểm đó.</translation>
    </message>
    <message>
        <source>This provision allows a fine only, not a warning.</source>
        <translation>Quy định này chỉ áp dụng phạt tiền, không phạt cảnh cáo.</translation>
    </message>
    <message>
        <source>The commune police may not impose this measure.</source>
        <translation>Công an cấp xã không có thẩm quyền áp dụng biện pháp này.</translation>
    </message>
    <message>
        <source>Without a violation record, only a warning or a fine of at most %1 đồng is allowed.</source>
        <translation>Xử phạt không lập biên bản chỉ áp dụng phạt cảnh cáo hoặc phạt tiền đến %1 đồng.</translation>
    </message>
    <message>
        <source>Only an individual can make a denunciation (tố giác); what an organisation reports is a tin báo.</source>
        <translation>Tố giác chỉ do cá nhân thực hiện (Điều 144 BLTTHS); cơ quan, tổ chức báo tin về tội phạm là tin báo.</translation>
    </message>
    <message>
        <source>This person is under supervision: give the number of their supervision file (F10).</source>
        <translation>Người này thuộc diện quản lý, giám sát: ghi số hồ sơ quản lý, giám sát (F10).</translation>
    </message>
    <message>
        <source>No record numbered %1 (%2) at this station: check the number, or the file is kept at another station.</source>
        <translation>Đơn vị không có hồ sơ số %1 (%2): hãy kiểm tra lại số, hoặc hồ sơ đang do đơn vị khác quản lý.</translation>
    </message>
    <message>
        <source>Record %1 (%2) is about another person: its ID number differs from this one.</source>
        <translation>Hồ sơ %1 (%2) là của người khác: số định danh cá nhân ở đó khác với ở đây.</translation>
    </message>
    <message>
        <source>Not transferred within %1 hours of receipt.</source>
        <translation>Chưa chuyển trong vòng %1 giờ kể từ khi tiếp nhận.</translation>
    </message>
    <message>
        <source>The decision comes more than %1 days after the record.</source>
        <translation>Quyết định ban hành quá %1 ngày sau khi lập biên bản.</translation>
    </message>
    <message>
        <source>The stay was notified late.</source>
        <translation>Thông báo lưu trú bị chậm.</translation>
    </message>
    <message>
        <source>Give an ID or passport number, or why there is none.</source>
        <translation>Nhập số định danh hoặc hộ chiếu, hoặc lý do không có.</translation>
    </message>
    <message>
        <source>This unit is counted in whole numbers.</source>
        <translation>Đơn vị tính này chỉ nhận số nguyên.</translation>
    </message>
    <message>
        <source>A rule of this form is not met.</source>
        <translation>Chưa đáp ứng một quy định của biểu mẫu.</translation>
    </message>
    <message>
        <source>The span is longer than %1 days.</source>
        <translation>Khoảng thời gian dài quá %1 ngày.</translation>
    </message>
    <message>
        <source>The span is longer than %1 hours.</source>
        <translation>Khoảng thời gian dài quá %1 giờ.</translation>
    </message>
    <message>
        <source>Type the date as dd/mm/yyyy, or the year alone (e.g. 1985).</source>
        <translation>Nhập ngày theo dạng dd/mm/yyyy, hoặc chỉ năm sinh (ví dụ 1985).</translation>
    </message>
    <message>
        <source>man</source>
        <translation>nam giới</translation>
    </message>
    <message>
        <source>woman</source>
        <translation>nữ giới</translation>
    </message>
    <message>
        <source>text</source>
        <translation>chữ</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>số nguyên</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>số</translation>
    </message>
    <message>
        <source>a group of fields</source>
        <translation>nhóm thông tin</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>danh sách</translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation>có hoặc không</translation>
    </message>
</context>
<context>
    <name>ProblemSummary</name>
    <message>
        <source>Accept this error with a &amp;reason…</source>
        <translation>Chấp nhận lỗi này, ghi &amp;lý do…</translation>
    </message>
    <message>
        <source>(accepted: %1)</source>
        <translation>(đã chấp nhận: %1)</translation>
    </message>
    <message>
        <source>%1 problem(s) stop completion; %2 warning(s).</source>
        <translation>Còn %1 lỗi phải sửa trước khi hoàn thành; %2 cảnh báo.</translation>
    </message>
    <message>
        <source>%1 warning(s): the record can be completed.</source>
        <translation>%1 cảnh báo: vẫn có thể hoàn thành.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Ctrl+Enter to confirm.</source>
        <translation>Nhấn Ctrl+Enter để xác nhận.</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>&amp;Save draft</source>
        <translation>&amp;Lưu nháp</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>&amp;Hoàn thành</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>A draft is saved before it closes.</source>
        <translation>Bản nháp được lưu trước khi đóng.</translation>
    </message>
    <message>
        <source>A&amp;ttachments…</source>
        <translation>Tài liệu &amp;kèm theo…</translation>
    </message>
    <message>
        <source>The draft is saved first.</source>
        <translation>Bản nháp được lưu trước.</translation>
    </message>
    <message>
        <source>Ctrl+S saves the draft, Ctrl+Enter completes.</source>
        <translation>Ctrl+S: lưu nháp · Ctrl+Enter: hoàn thành.</translation>
    </message>
    <message>
        <source>&amp;Save amendment…</source>
        <translation>&amp;Lưu sửa đổi…</translation>
    </message>
    <message>
        <source>Ctrl+S saves the amendment with its reason.</source>
        <translation>Ctrl+S: lưu sửa đổi kèm lý do.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>The problems are corrected: the record can be completed.</source>
        <translation>Đã sửa hết lỗi: có thể hoàn thành hồ sơ.</translation>
    </message>
    <message>
        <source>Draft saved at %1.</source>
        <translation>Đã lưu nháp lúc %1.</translation>
    </message>
    <message>
        <source>The draft could not be saved.</source>
        <translation>Không lưu được bản nháp.</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Tài liệu kèm theo</translation>
    </message>
    <message>
        <source>Completing…</source>
        <translation>Đang hoàn thành…</translation>
    </message>
    <message>
        <source>Not completed: correct the problems listed below.</source>
        <translation>Chưa hoàn thành: hãy sửa các lỗi liệt kê bên dưới.</translation>
    </message>
    <message>
        <source>Not completed.</source>
        <translation>Chưa hoàn thành.</translation>
    </message>
    <message>
        <source>Accept an error</source>
        <translation>Chấp nhận lỗi</translation>
    </message>
    <message>
        <source>Why is this value right although the check disagrees?</source>
        <translation>Vì sao giá trị này đúng dù bị báo lỗi?</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Chấp nhận</translation>
    </message>
    <message>
        <source>Amend the record</source>
        <translation>Sửa đổi hồ sơ</translation>
    </message>
    <message>
        <source>Why is the record being changed? The reason is kept with the new revision.</source>
        <translation>Lý do sửa đổi? Lý do được lưu cùng lần sửa mới.</translation>
    </message>
    <message>
        <source>&amp;Save amendment</source>
        <translation>&amp;Lưu sửa đổi</translation>
    </message>
</context>
<context>
    <name>RecordEntryPage</name>
    <message>
        <source>Choose the form to fill in</source>
        <translation>Chọn biểu mẫu cần lập</translation>
    </message>
    <message>
        <source>Type part of its name (accents optional), then press Enter.</source>
        <translation>Gõ một phần tên biểu mẫu (có dấu hay không dấu đều được), rồi nhấn Enter.</translation>
    </message>
    <message>
        <source>e.g. vi pham, tam vang, F3</source>
        <translation>ví dụ: vi pham, tam vang, F3</translation>
    </message>
    <message>
        <source>Opening form %1…</source>
        <translation>Đang mở biểu mẫu %1…</translation>
    </message>
    <message>
        <source>Record completed with number %1. It now waits for approval.</source>
        <translation>Đã hoàn thành, số %1. Hồ sơ đang chờ chỉ huy duyệt.</translation>
    </message>
    <message>
        <source>Record completed. It now waits for approval.</source>
        <translation>Đã hoàn thành. Hồ sơ đang chờ chỉ huy duyệt.</translation>
    </message>
    <message>
        <source>Draft kept; find it under Records.</source>
        <translation>Đã lưu nháp; xem lại trong mục Danh sách hồ sơ.</translation>
    </message>
</context>
<context>
    <name>RecordFilterBar</name>
    <message>
        <source>Search names, ID numbers, places, content… (accents optional)</source>
        <translation>Tìm theo họ tên, số định danh, địa điểm, nội dung… (không cần gõ dấu)</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>Tất cả biểu mẫu</translation>
    </message>
    <message>
        <source>All but voided</source>
        <translation>Tất cả (trừ đã hủy)</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Bỏ lọc</translation>
    </message>
    <message>
        <source>&amp;Form:</source>
        <translation>&amp;Biểu mẫu:</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>&amp;Trạng thái:</translation>
    </message>
    <message>
        <source>A&amp;uthor:</source>
        <translation>&amp;Người lập:</translation>
    </message>
    <message>
        <source>Event &amp;from:</source>
        <translation>Sự việc từ &amp;ngày:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>đến:</translation>
    </message>
</context>
<context>
    <name>RecordFormWidget</name>
    <message>
        <source>row %1</source>
        <translation>dòng %1</translation>
    </message>
</context>
<context>
    <name>RecordHistoryTableModel</name>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
</context>
<context>
    <name>RecordLabels</name>
    <message>
        <source>Draft</source>
        <translation>Nháp</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>Chờ duyệt</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Bị trả lại</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>Returned with a comment</source>
        <translation>Trả lại kèm ý kiến</translation>
    </message>
</context>
<context>
    <name>RecordListPage</name>
    <message>
        <source>E&amp;xport…</source>
        <translation>&amp;Xuất…</translation>
    </message>
    <message>
        <source>%1 record(s) exported to %2.</source>
        <translation>Đã xuất %1 hồ sơ ra %2.</translation>
    </message>
    <message>
        <source>Me (%1)</source>
        <translation>Tôi (%1)</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>%1 record(s).</source>
        <translation>%1 hồ sơ.</translation>
    </message>
    <message>
        <source>First %1 records shown; scroll down for more.</source>
        <translation>Đang hiện %1 hồ sơ đầu tiên; cuộn xuống để xem thêm.</translation>
    </message>
    <message>
        <source>Record completed with number %1.</source>
        <translation>Đã hoàn thành, số %1.</translation>
    </message>
    <message>
        <source>Amendment saved as revision %1.</source>
        <translation>Đã lưu sửa đổi (lần sửa %1).</translation>
    </message>
    <message>
        <source>Void the record</source>
        <translation>Hủy hồ sơ</translation>
    </message>
    <message>
        <source>Why is this record void? It is kept, marked void, and its number is never reused.</source>
        <translation>Lý do hủy? Hồ sơ vẫn được lưu, đánh dấu đã hủy, và số của hồ sơ không bao giờ được dùng lại.</translation>
    </message>
    <message>
        <source>&amp;Void</source>
        <translation>&amp;Hủy hồ sơ</translation>
    </message>
    <message>
        <source>Record voided.</source>
        <translation>Đã hủy hồ sơ.</translation>
    </message>
</context>
<context>
    <name>RecordPrinter</name>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Which document of this record?</source>
        <translation>In giấy tờ nào của bản ghi này?</translation>
    </message>
    <message>
        <source>Print preview – %1</source>
        <translation>Xem trước khi in – %1</translation>
    </message>
    <message>
        <source>Sent to the printer: %1</source>
        <translation>Đã gửi tới máy in: %1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Lưu thành PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved as PDF: %1</source>
        <translation>Đã lưu PDF: %1</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>waiting to be sent to the centre</source>
        <translation>chờ gửi lên trung tâm</translation>
    </message>
    <message>
        <source>received by the centre</source>
        <translation>trung tâm đã nhận</translation>
    </message>
    <message>
        <source>refused by the centre (see Sync)</source>
        <translation>trung tâm từ chối (xem trang Đồng bộ)</translation>
    </message>
    <message>
        <source>held aside by the centre (see Sync)</source>
        <translation>trung tâm tạm giữ (xem trang Đồng bộ)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Các lần sửa</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Tài liệu kèm theo</translation>
    </message>
    <message>
        <source>← &amp;Back to the list</source>
        <translation>← &amp;Quay lại danh sách</translation>
    </message>
    <message>
        <source>&amp;Amend with reason…</source>
        <translation>&amp;Sửa đổi (ghi lý do)…</translation>
    </message>
    <message>
        <source>&amp;Void with reason…</source>
        <translation>&amp;Hủy (ghi lý do)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Lưu P&amp;DF…</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>Số %1</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>người lập %1</translation>
    </message>
    <message>
        <source>last change %1</source>
        <translation>sửa lần cuối %1</translation>
    </message>
    <message>
        <source>Attachments (%1)</source>
        <translation>Tài liệu kèm theo (%1)</translation>
    </message>
    <message>
        <source>Voided: %1</source>
        <translation>Đã hủy: %1</translation>
    </message>
    <message>
        <source>Returned by the centre: %1</source>
        <translation>Trung tâm trả lại: %1</translation>
    </message>
    <message>
        <source>Returned by the supervisor: %1</source>
        <translation>Chỉ huy trả lại: %1</translation>
    </message>
</context>
<context>
    <name>RecordsTableModel</name>
    <message>
        <source>Number</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Biểu mẫu</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Event date</source>
        <translation>Ngày sự việc</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Xã, phường</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Người lập</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Sửa lần cuối</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Forgot password</source>
        <translation>Quên mật khẩu</translation>
    </message>
    <message>
        <source>A supervisor can set a new password with the station&apos;s recovery key, the 32 characters printed or written down when the station was set up. Officers: ask the supervisor to reset your password.</source>
        <translation>Chỉ huy có thể đặt mật khẩu mới bằng khóa khôi phục của đơn vị — 32 ký tự đã được in hoặc chép ra giấy khi thiết lập đơn vị. Cán bộ: hãy nhờ chỉ huy đặt lại mật khẩu.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>Mật khẩu &amp;mới:</translation>
    </message>
    <message>
        <source>Set &amp;new password</source>
        <translation>Đặt mật khẩu mớ&amp;i</translation>
    </message>
    <message>
        <source>%1 is an officer: only a supervisor can set an officer&apos;s new password (Users page). Ask your supervisor.</source>
        <translation>%1 là cán bộ: chỉ chỉ huy mới đặt được mật khẩu mới cho cán bộ (trang Người dùng). Hãy nhờ chỉ huy của đơn vị.</translation>
    </message>
    <message>
        <source>&amp;Supervisor:</source>
        <translation>&amp;Chỉ huy:</translation>
    </message>
    <message>
        <source>Recovery &amp;key:</source>
        <translation>&amp;Khóa khôi phục:</translation>
    </message>
    <message>
        <source>Checking the recovery key…</source>
        <translation>Đang kiểm tra khóa khôi phục…</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPage</name>
    <message>
        <source>Recovery key</source>
        <translation>Khóa khôi phục</translation>
    </message>
    <message>
        <source>If the supervisor forgets the password, only this key can open the station. It is shown this once.</source>
        <translation>Nếu chỉ huy quên mật khẩu, chỉ khóa này mới mở được dữ liệu của đơn vị. Khóa chỉ hiện một lần duy nhất.</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <source>&amp;Save to file…</source>
        <translation>&amp;Lưu ra tệp…</translation>
    </message>
    <message>
        <source>I have &amp;written the recovery key down and will keep it in a safe place.</source>
        <translation>Tôi đã &amp;chép khóa khôi phục ra giấy và sẽ cất giữ ở nơi an toàn.</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Đã gửi tới máy in.</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>Lưu khóa khôi phục</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Tệp văn bản (*.txt)</translation>
    </message>
    <message>
        <source>Saved to %1. Move it to a USB stick kept locked away, then delete it from this computer.</source>
        <translation>Đã lưu vào %1. Hãy chuyển sang USB cất giữ cẩn thận, rồi xóa tệp khỏi máy tính này.</translation>
    </message>
</context>
<context>
    <name>RecoverySheet</name>
    <message>
        <source>CAX Desk — station recovery key</source>
        <translation>CAX Desk — khóa khôi phục của đơn vị</translation>
    </message>
    <message>
        <source>Station: %1 (code %2)</source>
        <translation>Đơn vị: %1 (mã %2)</translation>
    </message>
    <message>
        <source>Created on %1 for supervisor %2</source>
        <translation>Tạo ngày %1 cho chỉ huy %2</translation>
    </message>
    <message>
        <source>With this key a supervisor who forgot their password can set a new one. Anyone holding it can open the station&apos;s data: keep it locked away, never on the station computer.</source>
        <translation>Với khóa này, chỉ huy quên mật khẩu có thể đặt mật khẩu mới. Ai có khóa này đều mở được dữ liệu của đơn vị: hãy cất giữ trong tủ có khóa, không để trên máy tính của đơn vị.</translation>
    </message>
    <message>
        <source>Print the recovery key</source>
        <translation>In khóa khôi phục</translation>
    </message>
</context>
<context>
    <name>RefusedRecordsPanel</name>
    <message>
        <source>Send a&amp;gain</source>
        <translation>&amp;Gửi lại</translation>
    </message>
</context>
<context>
    <name>RemoveUserDialog</name>
    <message>
        <source>Remove user</source>
        <translation>Xóa người dùng</translation>
    </message>
    <message>
        <source>%1 will no longer be able to log in. Their name and history stay in the audit log, and the name cannot be given to anyone else.</source>
        <translation>%1 sẽ không đăng nhập được nữa. Tên và lịch sử thao tác vẫn được giữ trong nhật ký thao tác, và tên này không cấp lại cho người khác.</translation>
    </message>
    <message>
        <source>e.g. transferred to another station</source>
        <translation>ví dụ: chuyển công tác</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
    <message>
        <source>&amp;Remove user</source>
        <translation>&amp;Xóa người dùng</translation>
    </message>
</context>
<context>
    <name>ReportConflictsModel</name>
    <message>
        <source>Period</source>
        <translation>Kỳ</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Phát hiện lúc</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Quyết định</translation>
    </message>
    <message>
        <source>The centre&apos;s copy: %1
This station&apos;s copy: %2</source>
        <translation>Bản của trung tâm: %1
Bản của đơn vị: %2</translation>
    </message>
    <message>
        <source>%1 chose to send this station&apos;s copy: it goes with the next sync</source>
        <translation>%1 đã chọn gửi bản của đơn vị: bản này được gửi trong lần đồng bộ tới</translation>
    </message>
    <message>
        <source>Waiting for a supervisor&apos;s decision</source>
        <translation>Chờ chỉ huy quyết định</translation>
    </message>
</context>
<context>
    <name>ReportConflictsPanel</name>
    <message>
        <source>The centre already holds another version of these submitted reports. Compare with the centre, then keep its copy, or send this station&apos;s copy to replace it.</source>
        <translation>Trung tâm đang giữ một bản khác của các báo cáo đã nộp này. Hãy đối chiếu với trung tâm, rồi giữ bản của trung tâm, hoặc gửi bản của đơn vị để thay thế.</translation>
    </message>
    <message>
        <source>Send &amp;ours as a replacement</source>
        <translation>Gửi bản của đơn vị để &amp;thay thế</translation>
    </message>
    <message>
        <source>&amp;Keep the centre&apos;s copy</source>
        <translation>&amp;Giữ bản của trung tâm</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <source>Period</source>
        <translation>Kỳ</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Đã nộp</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Nháp</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <source>Indicator</source>
        <translation>Chỉ tiêu</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Kỳ này</translation>
    </message>
    <message>
        <source>Same period last year</source>
        <translation>Cùng kỳ năm trước</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Tăng, giảm</translation>
    </message>
    <message>
        <source>Change %</source>
        <translation>Tăng, giảm %</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Periodic report</source>
        <translation>Báo cáo định kỳ</translation>
    </message>
    <message>
        <source>&amp;Figures</source>
        <translation>&amp;Số liệu</translation>
    </message>
    <message>
        <source>&amp;Typed figures</source>
        <translation>Số liệu nhập &amp;tay</translation>
    </message>
    <message>
        <source>&amp;Narrative</source>
        <translation>&amp;Phần nhận xét</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Các báo cáo</translation>
    </message>
    <message>
        <source>Station &amp;profile…</source>
        <translation>Hồ sơ đơn &amp;vị…</translation>
    </message>
    <message>
        <source>&amp;Save draft</source>
        <translation>&amp;Lưu nháp</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>&amp;Xem trước khi in…</translation>
    </message>
    <message>
        <source>Save P&amp;DF…</source>
        <translation>Lưu P&amp;DF…</translation>
    </message>
    <message>
        <source>S&amp;ubmit…</source>
        <translation>&amp;Nộp…</translation>
    </message>
    <message>
        <source>Residence and ID applications are handled in the national systems: type how many were received and resolved in this period (not since the start of the year). Leave a box at — when the figure is not known.</source>
        <translation>Hồ sơ cư trú, căn cước được giải quyết trên các hệ thống quốc gia: nhập số hồ sơ đã tiếp nhận, đã giải quyết trong kỳ này (không lũy kế từ đầu năm). Để ô ở — khi chưa có số liệu.</translation>
    </message>
    <message>
        <source>Counting the records of the period…</source>
        <translation>Đang đếm hồ sơ trong kỳ…</translation>
    </message>
    <message>
        <source>%1 — report %2, submitted %3 by %4. Its figures and text are frozen.</source>
        <translation>%1 — báo cáo %2, %4 nộp lúc %3. Số liệu và nội dung đã cố định.</translation>
    </message>
    <message>
        <source>WARNING: the stored report no longer matches its hash.</source>
        <translation>CẢNH BÁO: báo cáo đã lưu không còn khớp với mã băm của nó.</translation>
    </message>
    <message>
        <source>%1 — draft: the figures are counted now from completed and approved records by event date; they are frozen when you submit.</source>
        <translation>%1 — nháp: số liệu được đếm ngay bây giờ từ các hồ sơ đã hoàn thành và đã duyệt theo ngày xảy ra sự việc; số liệu được cố định khi nộp.</translation>
    </message>
    <message>
        <source>%1 draft record(s) in the period are not counted.</source>
        <translation>%1 hồ sơ nháp trong kỳ không được tính.</translation>
    </message>
    <message>
        <source>The station profile has not been filled in yet.</source>
        <translation>Chưa nhập hồ sơ đơn vị.</translation>
    </message>
    <message>
        <source>Report draft saved.</source>
        <translation>Đã lưu nháp báo cáo.</translation>
    </message>
    <message>
        <source>Submit the report</source>
        <translation>Nộp báo cáo</translation>
    </message>
    <message>
        <source>Submit the report for %1?

The figures are counted once more and frozen with the narrative: records added or changed later will not change this report.</source>
        <translation>Nộp báo cáo kỳ %1?

Số liệu được đếm lại một lần nữa và cố định cùng phần nhận xét: hồ sơ thêm hoặc sửa sau này không làm thay đổi báo cáo này.</translation>
    </message>
    <message>
        <source>Report %1 submitted.</source>
        <translation>Đã nộp báo cáo %1.</translation>
    </message>
    <message>
        <source>Station profile saved (version %1).</source>
        <translation>Đã lưu hồ sơ đơn vị (phiên bản %1).</translation>
    </message>
    <message>
        <source>Save the report as PDF</source>
        <translation>Lưu báo cáo thành PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Report saved to %1 (%2 pages).</source>
        <translation>Đã lưu báo cáo vào %1 (%2 trang).</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>Đặt lại mật khẩu</translation>
    </message>
    <message>
        <source>Set a new password for %1. Only their key slot changes; their records are not touched.</source>
        <translation>Đặt mật khẩu mới cho %1. Chỉ khóa đăng nhập của người này thay đổi; hồ sơ không bị ảnh hưởng.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>Mật khẩu &amp;mới:</translation>
    </message>
    <message>
        <source>&amp;Set password</source>
        <translation>Đặ&amp;t mật khẩu</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>the same as your current password</source>
        <translation>giống mật khẩu hiện tại của bạn</translation>
    </message>
    <message>
        <source>The station will be replaced by the backup in %1. The data there now is not deleted: it is moved to a dated folder inside the station folder. You will be logged out; log in again with the passwords the backup was made with.</source>
        <translation>Dữ liệu đơn vị sẽ được thay bằng bản sao lưu %1. Dữ liệu hiện có không bị xóa mà được chuyển vào một thư mục ghi ngày trong thư mục đơn vị. Bạn sẽ bị đăng xuất; hãy đăng nhập lại bằng mật khẩu tại thời điểm sao lưu.</translation>
    </message>
    <message>
        <source>&amp;Your current password:</source>
        <translation>Mật khẩu &amp;hiện tại của bạn:</translation>
    </message>
    <message>
        <source>&amp;Supervisor in the backup:</source>
        <translation>&amp;Chỉ huy trong bản sao lưu:</translation>
    </message>
    <message>
        <source>Their &amp;password then:</source>
        <translation>&amp;Mật khẩu khi đó:</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Khôi phục</translation>
    </message>
    <message>
        <source>The backup has users who were removed from the station after it was made: %1. After the restore they can log in again until they are removed again, and they may know the backup&apos;s data key. Restore all the same?</source>
        <translation>Bản sao lưu có những người dùng đã bị xóa khỏi đơn vị sau khi sao lưu: %1. Sau khi khôi phục, họ lại đăng nhập được cho đến khi bị xóa lần nữa, và có thể biết khóa dữ liệu của bản sao lưu. Vẫn khôi phục?</translation>
    </message>
    <message>
        <source>Restore finished</source>
        <translation>Đã khôi phục xong</translation>
    </message>
</context>
<context>
    <name>ReviewQueuePage</name>
    <message>
        <source>Records waiting for approval</source>
        <translation>Hồ sơ chờ duyệt</translation>
    </message>
    <message>
        <source>&amp;Approve selected</source>
        <translation>&amp;Duyệt</translation>
    </message>
    <message>
        <source>&amp;Return with comment…</source>
        <translation>&amp;Trả lại kèm ý kiến…</translation>
    </message>
    <message>
        <source>%1 record(s) waiting. Ctrl+A selects them all.</source>
        <translation>%1 hồ sơ đang chờ. Ctrl+A để chọn tất cả.</translation>
    </message>
    <message>
        <source>At least %1 records waiting.</source>
        <translation>Có ít nhất %1 hồ sơ đang chờ.</translation>
    </message>
    <message>
        <source>%1 records selected.</source>
        <translation>Đã chọn %1 hồ sơ.</translation>
    </message>
    <message>
        <source>Choose a record to read it here.</source>
        <translation>Chọn một hồ sơ để xem nội dung tại đây.</translation>
    </message>
    <message>
        <source>&amp;Approve %1 selected</source>
        <translation>&amp;Duyệt %1 hồ sơ đã chọn</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Duyệt</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <source>Approve %1 record(s)? Approved records are locked: changing one later needs an amendment with a reason.</source>
        <translation>Duyệt %1 hồ sơ? Hồ sơ đã duyệt bị khóa: muốn thay đổi sau này phải sửa đổi có lý do.</translation>
    </message>
    <message>
        <source>%1 record(s) approved.</source>
        <translation>Đã duyệt %1 hồ sơ.</translation>
    </message>
    <message>
        <source>%1 not approved: %2</source>
        <translation>%1 hồ sơ chưa duyệt được: %2</translation>
    </message>
    <message>
        <source>Return to the author</source>
        <translation>Trả lại người lập</translation>
    </message>
    <message>
        <source>What must the author correct? The comment goes into the record&apos;s history; the record leaves this queue and comes back once the author amends it.</source>
        <translation>Người lập cần sửa gì? Ý kiến được ghi vào lịch sử hồ sơ; hồ sơ rời khỏi danh sách này và quay lại khi người lập đã sửa đổi.</translation>
    </message>
    <message>
        <source>Returned to the author, who sees it under Returned to you; it comes back here once amended.</source>
        <translation>Đã trả lại người lập, họ thấy hồ sơ ở mục Bị trả lại cho bạn; hồ sơ quay lại đây khi đã sửa đổi.</translation>
    </message>
    <message>
        <source>&amp;Return</source>
        <translation>&amp;Trả lại</translation>
    </message>
</context>
<context>
    <name>RevisionsTableModel</name>
    <message>
        <source>Revision</source>
        <translation>Lần sửa</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
</context>
<context>
    <name>RowDialog</name>
    <message>
        <source>%1 — row %2</source>
        <translation>%1 — dòng %2</translation>
    </message>
    <message>
        <source>&amp;Keep this row</source>
        <translation>&amp;Giữ dòng này</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Backup made and checked.</source>
        <translation>Đã sao lưu và kiểm tra bản sao.</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <source> h</source>
        <translation> giờ</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>Á&amp;p dụng</translation>
    </message>
    <message>
        <source>&amp;Lock after this long without activity:</source>
        <translation>&amp;Khóa màn hình khi không thao tác sau:</translation>
    </message>
    <message>
        <source>Transfer a crime report to the investigators &amp;within:</source>
        <translation>Chuyển nguồn tin về tội phạm cho Cơ quan điều tra &amp;trong vòng:</translation>
    </message>
    <message>
        <source>The law says “immediately”; the dashboard warns before this limit.</source>
        <translation>Luật quy định chuyển “ngay”; trang Tổng quan cảnh báo trước khi hết thời hạn này.</translation>
    </message>
    <message>
        <source>Only a supervisor can change station settings.</source>
        <translation>Chỉ chỉ huy mới thay đổi được cài đặt của đơn vị.</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Máy tính này</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <source>My account</source>
        <translation>Tài khoản của tôi</translation>
    </message>
    <message>
        <source>C&amp;hange my password…</source>
        <translation>Đổi mật khẩu &amp;của tôi…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message numerus="yes">
        <source>The station now locks after %n minute(s) without activity.</source>
        <translation>
            <numerusform>Từ nay màn hình tự khóa sau %n phút không thao tác.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new language is used the next time CAX Desk starts.</source>
        <translation>Ngôn ngữ mới được dùng từ lần mở CAX Desk tiếp theo.</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>Đã đổi mật khẩu.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>CAX Desk — station set-up</source>
        <translation>CAX Desk — thiết lập đơn vị</translation>
    </message>
    <message>
        <source>Creating the station… this takes a few seconds.</source>
        <translation>Đang thiết lập đơn vị… việc này mất vài giây.</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>Station</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Type part of the commune or ward name; accents are optional.</source>
        <translation>Gõ một phần tên xã, phường hoặc đặc khu; có dấu hay không dấu đều được.</translation>
    </message>
    <message>
        <source>e.g. ba dinh</source>
        <translation>ví dụ: ba dinh</translation>
    </message>
    <message>
        <source>&amp;Commune or ward:</source>
        <translation>&amp;Xã, phường, đặc khu:</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Mã:</translation>
    </message>
    <message>
        <source>&amp;Station name:</source>
        <translation>Tên đơn &amp;vị:</translation>
    </message>
</context>
<context>
    <name>StationProfileDialog</name>
    <message>
        <source>Station profile (Resolution 12 indicators)</source>
        <translation>Hồ sơ đơn vị (chỉ tiêu Nghị quyết 12)</translation>
    </message>
    <message>
        <source>Figures of the station&apos;s build-up that no record holds. Saving keeps the earlier versions: a report uses the version in force at the end of its period.</source>
        <translation>Số liệu xây dựng lực lượng của đơn vị mà hồ sơ nghiệp vụ không có. Mỗi lần lưu giữ lại các phiên bản trước: báo cáo dùng phiên bản có hiệu lực vào cuối kỳ.</translation>
    </message>
    <message>
        <source>Last saved: version %1, figures true on %2, by %3.</source>
        <translation>Lưu gần nhất: phiên bản %1, số liệu tính đến %2, do %3 nhập.</translation>
    </message>
    <message>
        <source>Figures true on:</source>
        <translation>Số liệu tính đến ngày:</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <source>Locked</source>
        <translation>Đã khóa</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>Đã đăng xuất</translation>
    </message>
    <message>
        <source>Not enrolled for sync</source>
        <translation>Chưa đăng ký đồng bộ</translation>
    </message>
    <message>
        <source>Waiting to sync: %1</source>
        <translation>Chờ đồng bộ: %1</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <source>Connection not checked</source>
        <translation>Chưa kiểm tra kết nối</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Có kết nối</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Không có kết nối</translation>
    </message>
    <message>
        <source>%1: Settings → Backup.</source>
        <translation>%1: Cài đặt → Sao lưu.</translation>
    </message>
    <message>
        <source>No recent backup: Settings → Backup.</source>
        <translation>Đã lâu chưa sao lưu: Cài đặt → Sao lưu.</translation>
    </message>
</context>
<context>
    <name>StatusCountsTableModel</name>
    <message>
        <source>Form</source>
        <translation>Biểu mẫu</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>Tất cả biểu mẫu</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <source>First supervisor</source>
        <translation>Chỉ huy đầu tiên</translation>
    </message>
    <message>
        <source>The station&apos;s head or deputy. They can add the other officers later.</source>
        <translation>Trưởng hoặc phó Công an xã. Chỉ huy có thể thêm các cán bộ khác sau.</translation>
    </message>
    <message>
        <source>&amp;Create station</source>
        <translation>Tạo đơn &amp;vị</translation>
    </message>
    <message>
        <source>e.g. truong</source>
        <translation>ví dụ: truong</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
</context>
<context>
    <name>SyncHistoryModel</name>
    <message>
        <source>Started</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Cách</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Received by the centre</source>
        <translation>Trung tâm đã nhận</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Updates</source>
        <translation>Cập nhật nhận về</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Không thành công</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã dừng</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Bị gián đoạn</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Đang chạy</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Qua mạng</translation>
    </message>
    <message>
        <source>USB bundle</source>
        <translation>Gói USB</translation>
    </message>
    <message>
        <source>USB receipt</source>
        <translation>Biên nhận USB</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync with the centre</source>
        <translation>Đồng bộ với trung tâm</translation>
    </message>
    <message>
        <source>&amp;Enrol…</source>
        <translation>Đăng &amp;ký…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Đồng &amp;bộ ngay</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Dừng</translation>
    </message>
    <message>
        <source>&amp;Declare a restore from backup…</source>
        <translation>&amp;Khai báo khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <source>when a record is completed</source>
        <translation>khi hồ sơ được hoàn thành</translation>
    </message>
    <message>
        <source>only after a supervisor approves it</source>
        <translation>chỉ sau khi chỉ huy duyệt</translation>
    </message>
    <message>
        <source>Sync &amp;automatically whenever the server can be reached</source>
        <translation>Tự động đồng bộ &amp;mỗi khi kết nối được máy chủ</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>Á&amp;p dụng</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Send a record to the centre:</source>
        <translation>Gửi hồ sơ lên trung tâm:</translation>
    </message>
    <message>
        <source>Write a USB &amp;bundle…</source>
        <translation>Ghi &amp;gói USB…</translation>
    </message>
    <message>
        <source>Read a &amp;receipt…</source>
        <translation>Đọc &amp;biên nhận…</translation>
    </message>
    <message>
        <source>No network at all</source>
        <translation>Khi hoàn toàn không có mạng</translation>
    </message>
    <message>
        <source>Write the waiting records to a USB stick (encrypted for the centre), carry it to a connected office, and bring back the receipt.</source>
        <translation>Ghi các hồ sơ đang chờ vào USB (được mã hóa cho trung tâm), mang đến nơi có mạng, rồi mang biên nhận về.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <source>Refused and held aside</source>
        <translation>Bị từ chối và tạm giữ</translation>
    </message>
    <message>
        <source>Reports the centre holds otherwise</source>
        <translation>Báo cáo trung tâm giữ bản khác</translation>
    </message>
    <message>
        <source>checking the connection…</source>
        <translation>đang kiểm tra kết nối…</translation>
    </message>
    <message>
        <source>online</source>
        <translation>có kết nối</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>không có kết nối</translation>
    </message>
    <message>
        <source>Enrolled with %1 (this computer: %2) — %3.</source>
        <translation>Đã đăng ký với %1 (máy này: %2) — %3.</translation>
    </message>
    <message>
        <source>Enrol &amp;again…</source>
        <translation>Đăng ký &amp;lại…</translation>
    </message>
    <message>
        <source>Not enrolled yet: a supervisor enrols the station with the code the centre gives.</source>
        <translation>Chưa đăng ký: chỉ huy đăng ký đơn vị bằng mã do trung tâm cấp.</translation>
    </message>
    <message>
        <source>Waiting to send: %1 · received by the centre: %2 · refused: %3 · held aside: %4</source>
        <translation>Chờ gửi: %1 · trung tâm đã nhận: %2 · bị từ chối: %3 · tạm giữ: %4</translation>
    </message>
    <message>
        <source>Last successful sync: %1</source>
        <translation>Lần đồng bộ thành công gần nhất: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source>%1 submitted periodic report(s) waiting to be sent.</source>
        <translation>%1 báo cáo định kỳ đã nộp đang chờ gửi.</translation>
    </message>
    <message>
        <source>%1 report(s) held otherwise by the centre wait for a decision.</source>
        <translation>%1 báo cáo mà trung tâm giữ bản khác đang chờ quyết định.</translation>
    </message>
    <message>
        <source>%1 record(s) returned by the centre with a comment.</source>
        <translation>%1 hồ sơ bị trung tâm trả lại kèm ý kiến.</translation>
    </message>
    <message>
        <source>Reports the centre holds otherwise (%1)</source>
        <translation>Báo cáo trung tâm giữ bản khác (%1)</translation>
    </message>
    <message>
        <source>Refused and held aside (%1)</source>
        <translation>Bị từ chối và tạm giữ (%1)</translation>
    </message>
    <message>
        <source>Connecting to the centre…</source>
        <translation>Đang kết nối tới trung tâm…</translation>
    </message>
    <message>
        <source>Sending: %1 of %2 records</source>
        <translation>Đang gửi: %1 trên %2 hồ sơ</translation>
    </message>
    <message>
        <source>Sending periodic reports: %1 of %2</source>
        <translation>Đang gửi báo cáo định kỳ: %1 trên %2</translation>
    </message>
    <message>
        <source>Sending attachments: %1 of %2 MB</source>
        <translation>Đang gửi tài liệu kèm theo: %1 / %2 MB</translation>
    </message>
    <message>
        <source>Receiving the centre&apos;s updates</source>
        <translation>Đang nhận cập nhật từ trung tâm</translation>
    </message>
    <message>
        <source>%1 sent, %2 received</source>
        <translation>đã gửi %1, đã nhận %2</translation>
    </message>
    <message>
        <source>Cancelled: %1 record(s) received by the centre, the rest are sent next time.</source>
        <translation>Đã dừng: trung tâm đã nhận %1 hồ sơ, số còn lại sẽ gửi lần sau.</translation>
    </message>
    <message>
        <source>Done: %1 record(s) received by the centre, %2 update(s) received.</source>
        <translation>Xong: trung tâm đã nhận %1 hồ sơ, nhận về %2 cập nhật.</translation>
    </message>
    <message>
        <source>Declare a restore from backup</source>
        <translation>Khai báo khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <source>Only if this station&apos;s data was really restored from a backup: the centre will record the declaration with your name. Why was the backup restored?</source>
        <translation>Chỉ khai báo khi dữ liệu của đơn vị thật sự được khôi phục từ bản sao lưu: trung tâm sẽ ghi lại lời khai báo kèm tên của bạn. Vì sao phải khôi phục bản sao lưu?</translation>
    </message>
    <message>
        <source>&amp;Declare</source>
        <translation>&amp;Khai báo</translation>
    </message>
    <message>
        <source>Restore declared. It goes to the centre with this sync.</source>
        <translation>Đã khai báo khôi phục. Lời khai báo được gửi về trung tâm trong lần đồng bộ này.</translation>
    </message>
    <message>
        <source>Station enrolled.</source>
        <translation>Đã đăng ký đơn vị.</translation>
    </message>
    <message>
        <source>Sync settings saved.</source>
        <translation>Đã lưu cài đặt đồng bộ.</translation>
    </message>
    <message>
        <source>%1 record(s) will be sent again.</source>
        <translation>%1 hồ sơ sẽ được gửi lại.</translation>
    </message>
    <message>
        <source>This station&apos;s report goes to the centre with the next sync.</source>
        <translation>Báo cáo của đơn vị sẽ được gửi lên trung tâm trong lần đồng bộ tới.</translation>
    </message>
    <message>
        <source>The centre&apos;s copy of the report is kept.</source>
        <translation>Đã giữ bản báo cáo của trung tâm.</translation>
    </message>
    <message>
        <source>Write the USB bundle to</source>
        <translation>Ghi gói USB vào</translation>
    </message>
    <message>
        <source>CAX sync bundles (*%1)</source>
        <translation>Gói đồng bộ CAX (*%1)</translation>
    </message>
    <message>
        <source>Nothing is waiting to be sent: no bundle was written.</source>
        <translation>Không có hồ sơ chờ gửi: không ghi gói nào.</translation>
    </message>
    <message>
        <source>%1 record(s) written to %2. Bring back the receipt.</source>
        <translation>Đã ghi %1 hồ sơ vào %2. Hãy mang biên nhận về.</translation>
    </message>
    <message>
        <source>It also carries %1 attachment file(s).</source>
        <translation>Gói cũng mang %1 tệp đính kèm.</translation>
    </message>
    <message>
        <source>%1 more need another bundle.</source>
        <translation>Còn %1 hồ sơ cần gói khác.</translation>
    </message>
    <message>
        <source>Read the receipt from</source>
        <translation>Đọc biên nhận từ</translation>
    </message>
    <message>
        <source>Receipt read: %1 record(s) received by the centre, %2 already known.</source>
        <translation>Đã đọc biên nhận: trung tâm đã nhận %1 hồ sơ, %2 hồ sơ đã ghi nhận trước đó.</translation>
    </message>
    <message>
        <source>Attachments: %1 file(s) complete at the centre, %2 refused.</source>
        <translation>Tệp đính kèm: trung tâm đã nhận đủ %1 tệp, %2 tệp bị từ chối.</translation>
    </message>
</context>
<context>
    <name>SyncProblemsModel</name>
    <message>
        <source>Record</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Lần sửa</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Refused by the centre</source>
        <translation>Trung tâm từ chối</translation>
    </message>
    <message>
        <source>Held aside (conflict)</source>
        <translation>Tạm giữ (xung đột)</translation>
    </message>
</context>
<context>
    <name>TaskDialog</name>
    <message>
        <source>Working…</source>
        <translation>Đang xử lý…</translation>
    </message>
</context>
<context>
    <name>UnlockForm</name>
    <message>
        <source>&amp;Log in</source>
        <translation>Đăng &amp;nhập</translation>
    </message>
    <message>
        <source>&amp;Forgot password?</source>
        <translation>&amp;Quên mật khẩu?</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>Người &amp;dùng:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>Choose or type your user name.</source>
        <translation>Hãy chọn hoặc gõ tên đăng nhập.</translation>
    </message>
    <message>
        <source>Type your password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Đang kiểm tra mật khẩu…</translation>
    </message>
    <message>
        <source>Opening the station… After an update of CAX Desk this can take a few minutes on a large station. Please wait.</source>
        <translation>Đang mở dữ liệu đơn vị… Sau khi cập nhật CAX Desk, việc này có thể mất vài phút nếu dữ liệu lớn. Xin vui lòng chờ.</translation>
    </message>
    <message>
        <source>Updating the station&apos;s data for this version of CAX Desk: step %1 of %2. On a large station this takes a few minutes; please wait.</source>
        <translation>Đang cập nhật dữ liệu của đơn vị cho phiên bản CAX Desk này: bước %1/%2. Với đơn vị nhiều hồ sơ, việc này mất vài phút; xin vui lòng chờ.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passwords. You can try again in %n second(s).</source>
        <translation>
            <numerusform>Nhập sai mật khẩu quá nhiều lần. Có thể thử lại sau %n giây.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Thêm người dùng…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>Đặt lại &amp;mật khẩu…</translation>
    </message>
    <message>
        <source>Change r&amp;ole…</source>
        <translation>Đổi &amp;vai trò…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Xóa…</translation>
    </message>
    <message>
        <source>Show removed &amp;users</source>
        <translation>&amp;Hiện cả người dùng đã xóa</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>Đã thêm người dùng %1.</translation>
    </message>
    <message>
        <source>New password set for %1.</source>
        <translation>Đã đặt mật khẩu mới cho %1.</translation>
    </message>
    <message>
        <source>Role of %1 changed.</source>
        <translation>Đã đổi vai trò của %1.</translation>
    </message>
    <message>
        <source>User %1 removed.</source>
        <translation>Đã xóa người dùng %1.</translation>
    </message>
</context>
<context>
    <name>UsersTableModel</name>
    <message>
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ngày thêm</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Đổi mật khẩu lần cuối</translation>
    </message>
</context>
<context>
    <name>YesNoEditor</name>
    <message>
        <source>Yes</source>
        <translation>Có</translation>
    </message>
</context>
</TS>
