<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="183"/>
        <source>&amp;Advanced: server settings</source>
        <translation>高级：服务器设置(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="184"/>
        <source>Advanced: server settings</source>
        <translation>高级：服务器设置</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="265"/>
        <source>Send the password unencrypted?</source>
        <translation>以不加密方式发送密码？</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="267"/>
        <source>The security setting is &apos;None&apos;: your password for {user} would travel unencrypted to {host}, and anyone on the network in between could read it and your mail. Do this only if the help desk told you to. Send it unencrypted?</source>
        <translation>安全设置为“无”：{user} 的密码将以不加密方式发送到 {host}，途经网络上的任何人都能读到它和您的邮件。只有在服务台要求时才这样做。仍然以不加密方式发送吗？</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="282"/>
        <source>Certificate authority of the server (PEM file)</source>
        <translation>服务器的证书颁发机构（PEM 文件）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="378"/>
        <source>Your new mailbox</source>
        <translation>您的新邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="379"/>
        <source>Where your mail will go.</source>
        <translation>邮件将搬到这里。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="381"/>
        <source>Type the e-mail address and password of your new mailbox. If you received a first password from the university, change it in the new webmail first, then use the new one here.</source>
        <translation>请输入新邮箱的地址和密码。如果您收到的是学校发放的初始密码，请先在新邮箱网页版中修改密码，再在这里填写新密码。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="384"/>
        <source>If the new mailbox asks for a client-specific password, mailmover shows you how to get one.</source>
        <translation>如果新邮箱要求使用“客户端专用密码”，mailmover 会告诉您如何获取。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="388"/>
        <source>Open the new webmail to change the password</source>
        <translation>打开新邮箱网页版修改密码</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="390"/>
        <source>Your old mailbox</source>
        <translation>您的旧邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="391"/>
        <source>Where your mail is now.</source>
        <translation>邮件现在所在的地方。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="393"/>
        <source>Type the e-mail address and password of your old mailbox. mailmover only reads it: nothing is deleted or changed there.</source>
        <translation>请输入旧邮箱的地址和密码。mailmover 只读取旧邮箱，不会删除或修改其中的任何内容。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="396"/>
        <source>Any characters in the password are fine, including spaces, symbols such as ( ) * % &quot; \ { } and Chinese characters.</source>
        <translation>密码中可以包含任何字符，包括空格、( ) * % &quot; \ { } 等符号以及中文。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="398"/>
        <source>Open the old webmail</source>
        <translation>打开旧邮箱网页版</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="400"/>
        <source>&amp;E-mail address:</source>
        <translation>邮箱地址(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="401"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="402"/>
        <source>E-mail address</source>
        <translation>邮箱地址</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="403"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="404"/>
        <source>name@example.edu.cn</source>
        <translation>name@example.edu.cn</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="405"/>
        <location filename="../../mailmover/gui/pages/account.py" line="406"/>
        <source>Show password</source>
        <translation>显示密码</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="407"/>
        <location filename="../../mailmover/gui/pages/account.py" line="408"/>
        <source>Remember the password on this computer</source>
        <translation>在这台电脑上记住密码</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="112"/>
        <source>Server (usually filled in for you)</source>
        <translation>服务器（通常已为您填好）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="114"/>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="115"/>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="116"/>
        <source>Se&amp;curity:</source>
        <translation>加密方式(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="117"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="118"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="119"/>
        <source>Security</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="121"/>
        <source>SSL/TLS (recommended)</source>
        <translation>SSL/TLS（推荐）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="123"/>
        <source>Cer&amp;tificate authority:</source>
        <translation>证书颁发机构(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="125"/>
        <source>none needed (the system&apos;s certificates)</source>
        <translation>通常不需要（使用系统自带的证书）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="128"/>
        <source>Certificate authority file</source>
        <translation>证书颁发机构文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="130"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="132"/>
        <source>Choose a certificate authority file</source>
        <translation>选择证书颁发机构文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="134"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="137"/>
        <source>None (test servers on this computer only)</source>
        <translation>不加密（仅限本机测试服务器）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="413"/>
        <source>Chec&amp;k login</source>
        <translation>检查登录(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="414"/>
        <source>Check login</source>
        <translation>检查登录</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="416"/>
        <source>This computer has no password keychain, so the password is kept only while mailmover is open.</source>
        <translation>这台电脑没有密码钥匙串，因此密码只在 mailmover 打开期间保存在内存中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="95"/>
        <source>mailmover cannot log in to {provider} yet: it needs a sign-in method that mailmover does not support yet.</source>
        <translation>mailmover 暂时无法登录{provider}：该服务需要一种 mailmover 尚不支持的登录方式。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/server_box.py" line="104"/>
        <source>Filled in for {provider}.</source>
        <translation>已按{provider}自动填写。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="433"/>
        <source>In the new webmail: ① switch on IMAP, ② fetch all mail (not only the last 30 days), ③ create a client-specific password and type it in the password box above.</source>
        <translation>在新邮箱网页版中：① 开启 IMAP，② 收取全部邮件（不只是最近 30 天），③ 生成客户端专用密码，并填在上面的密码框中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="437"/>
        <source>Picture: where to click in the new webmail</source>
        <translation>图示：在新邮箱网页版中点击哪里</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/login_status.py" line="24"/>
        <source>Checking the login…</source>
        <translation>正在检查登录……</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/login_status.py" line="26"/>
        <source>Logged in successfully. Click Next to continue.</source>
        <translation>登录成功。请点击“下一步”继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/login_status.py" line="36"/>
        <source>Details: {detail}</source>
        <translation>详细信息：{detail}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/login_status.py" line="38"/>
        <source>The server said: {detail}</source>
        <translation>服务器的回复：{detail}</translation>
    </message>
</context>
<context>
    <name>AwakeNote</name>
    <message>
        <location filename="../../mailmover/gui/pages/moving_parts.py" line="68"/>
        <source>Keep the computer plugged in and the laptop lid open until the move is done. mailmover keeps the computer from going to sleep while it copies, but closing the lid still puts most laptops to sleep (nothing is lost: continue later).</source>
        <translation>搬迁完成之前，请保持电脑接通电源，不要合上笔记本电脑的盖子。复制期间 mailmover 会阻止电脑进入睡眠，但合上盖子仍会让大多数笔记本电脑睡眠（不会丢失邮件：之后可以继续）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving_parts.py" line="73"/>
        <source>mailmover could not keep this computer awake: keep it plugged in, the lid open, and turn off sleep in its power settings until the move is done (nothing is lost if it sleeps: continue later).</source>
        <translation>mailmover 无法阻止这台电脑进入睡眠：搬迁完成之前，请保持电脑接通电源、不要合上盖子，并在电源设置中关闭睡眠（即使电脑睡眠也不会丢失邮件：之后可以继续）。</translation>
    </message>
</context>
<context>
    <name>BatchSummaryView</name>
    <message>
        <location filename="../../mailmover/gui/batch_words.py" line="21"/>
        <source>Could not start</source>
        <translation>无法开始</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_words.py" line="22"/>
        <source>Stopped early – run again</source>
        <translation>中途停止 – 需再次运行</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_words.py" line="23"/>
        <source>Finished with problems</source>
        <translation>已完成，但有问题</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_words.py" line="24"/>
        <source>Interrupted – run again</source>
        <translation>被中断 – 需再次运行</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_words.py" line="25"/>
        <source>Still running</source>
        <translation>仍在进行</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_words.py" line="26"/>
        <source>Not started yet</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_words.py" line="27"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_words.py" line="73"/>
        <source>The check after the move found {missing} missing and {dup} doubled messages.</source>
        <translation>搬迁后的检查发现 {missing} 封邮件缺失、{dup} 封邮件重复。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_words.py" line="85"/>
        <source>{folder}: {reason}</source>
        <translation>{folder}：{reason}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_summary.py" line="43"/>
        <source>There is no file {name} any more.</source>
        <translation>文件 {name} 已不存在。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_summary.py" line="50"/>
        <source>{name} could not be read: {why}</source>
        <translation>无法读取 {name}：{why}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_summary.py" line="58"/>
        <source>{name} is not a batch summary. Open the .json file that &quot;mailmover batch&quot; wrote beside its summary CSV (for example staff-summary.json).</source>
        <translation>{name} 不是批量迁移汇总。请打开“mailmover batch”在汇总 CSV 旁边写出的 .json 文件（例如 staff-summary.json）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_summary.py" line="70"/>
        <source>{name} is not a batch summary: it has no format version.</source>
        <translation>{name} 不是批量迁移汇总：文件中没有格式版本。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_summary.py" line="79"/>
        <source>{name} was written by a newer mailmover (summary format {version}); this one reads format {supported}. Update mailmover on this computer to open it.</source>
        <translation>{name} 由更新版本的 mailmover 写出（汇总格式 {version}），本程序只能读取格式 {supported}。请先在这台电脑上更新 mailmover，再打开它。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_summary.py" line="93"/>
        <source>{name} is not a batch summary: it lists no accounts.</source>
        <translation>{name} 不是批量迁移汇总：其中没有列出任何账号。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="129"/>
        <location filename="../../mailmover/gui/batch_view.py" line="260"/>
        <source>Open a batch summary</source>
        <translation>打开批量迁移汇总</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="129"/>
        <source>Batch summary (*.json);;All files (*)</source>
        <translation>批量迁移汇总 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="179"/>
        <source>Report of {user}</source>
        <translation>{user} 的报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="184"/>
        <source>This account has no report: the move did not get far enough to write one.</source>
        <translation>此账号没有报告：搬迁没有进行到写出报告的那一步。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="193"/>
        <source>The report of {user} is not at {path}. It is written into the folder &quot;{folder}&quot; beside the summary: copy that folder along with the summary, or run the batch again to write it.</source>
        <translation>{user} 的报告不在 {path}。报告写在汇总旁边的“{folder}”文件夹中：请把该文件夹与汇总一起复制过来，或再次运行批量迁移来重新写出报告。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="208"/>
        <source>{path} is not a mailmover report, or it is damaged.</source>
        <translation>{path} 不是 mailmover 报告，或者文件已损坏。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="229"/>
        <source>{state}, checked after the move</source>
        <translation>{state}，搬迁后已检查</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="231"/>
        <source>{state}: {error}</source>
        <translation>{state}：{error}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="258"/>
        <source>mailmover – batch summary</source>
        <translation>mailmover – 批量迁移汇总</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="259"/>
        <source>Open a batch summary…</source>
        <translation>打开批量迁移汇总…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="261"/>
        <source>Show the report</source>
        <translation>查看报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="262"/>
        <source>Show the report of the chosen account</source>
        <translation>查看所选账号的报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="265"/>
        <source>Accounts that need someone come first. Click a column title to sort; double-click an account or press Enter to see its report.</source>
        <translation>需要有人处理的账号排在最前。点击列标题可排序；双击某个账号或按回车键可查看其报告。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="270"/>
        <source>Accounts of the batch</source>
        <translation>批量迁移中的账号</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="271"/>
        <source>Report of the chosen account</source>
        <translation>所选账号的报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="274"/>
        <source>Old mailbox</source>
        <translation>旧邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="275"/>
        <source>New mailbox</source>
        <translation>新邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="276"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="277"/>
        <source>Messages</source>
        <translation>邮件数</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="278"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="279"/>
        <source>Already there</source>
        <translation>原本已有</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="280"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="281"/>
        <source>Data copied</source>
        <translation>已复制数据量</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="282"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="283"/>
        <source>First problem</source>
        <translation>第一个问题</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="294"/>
        <source>Open the summary (.json) that &quot;mailmover batch&quot; wrote to see its accounts here.</source>
        <translation>打开“mailmover batch”写出的汇总文件（.json），即可在这里查看其中的账号。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="299"/>
        <source>Choose an account to see its report.</source>
        <translation>选择一个账号以查看其报告。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="313"/>
        <source>No batch summary is open.</source>
        <translation>尚未打开批量迁移汇总。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="319"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="320"/>
        <source>{state}: {n}</source>
        <translation>{state}：{n}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="328"/>
        <source>{file}: {source} → {target}, started {when}</source>
        <translation>{file}：{source} → {target}，开始于 {when}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="335"/>
        <source>{accounts} ({states})</source>
        <translation>{accounts}（{states}）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="336"/>
        <location filename="../../mailmover/gui/batch_view.py" line="340"/>
        <source>{n} account</source>
        <translation>{n} 个账号</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="336"/>
        <location filename="../../mailmover/gui/batch_view.py" line="340"/>
        <source>{n} accounts</source>
        <translation>{n} 个账号</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="343"/>
        <source>Messages: {total} in the old mailboxes; {copied} copied, {present} already there, {failed} failed, {pending} not reached; {size} copied.</source>
        <translation>邮件：旧邮箱中共 {total} 封；已复制 {copied} 封，原本已有 {present} 封，失败 {failed} 封，未处理 {pending} 封；共复制 {size}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="356"/>
        <source> (part {shard})</source>
        <translation>（分片 {shard}）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="360"/>
        <source>The batch was interrupted: run it again to finish the accounts that are not done.</source>
        <translation>批量迁移被中断：请再次运行，以完成尚未完成的账号。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_table.py" line="103"/>
        <source>Line {line} of the accounts file</source>
        <translation>账号文件第 {line} 行</translation>
    </message>
</context>
<context>
    <name>CloudPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="81"/>
        <source>Folder with the downloaded files</source>
        <translation>存放已下载文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="92"/>
        <source>Cloud drive files</source>
        <translation>网盘文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="93"/>
        <source>Files in the old cloud drive are not moved automatically.</source>
        <translation>旧网盘中的文件不会自动搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="95"/>
        <source>The old cloud drive (网盘) cannot be copied by a program. Download your files into one folder on this computer; mailmover then lists what is there so you can see nothing was forgotten.</source>
        <translation>旧网盘无法由程序自动复制。请把文件下载到这台电脑上的同一个文件夹中，mailmover 会列出其中的内容，方便您确认没有遗漏。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="100"/>
        <source> The old system closed on {date}: download what can still be reached now.</source>
        <translation>旧系统已于 {date} 关闭：请立即下载仍能访问的文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="103"/>
        <source> Do this before the old system closes on {date}.</source>
        <translation>请在旧系统 {date} 关闭之前完成。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="105"/>
        <source>Open the old cloud drive in the browser.</source>
        <translation>在浏览器中打开旧网盘。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="106"/>
        <source>Download all files into one folder, then choose that folder here.</source>
        <translation>把所有文件下载到同一个文件夹，然后在这里选择该文件夹。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="109"/>
        <source>When everything is downloaded, tick the box. Keep the folder on this computer (and a backup), or upload the files you still share into the new mailbox&apos;s file storage in its webmail ({webmail}).</source>
        <translation>全部下载完成后，请勾选下面的方框。请把这个文件夹保存在这台电脑上（并另做备份），或把仍需共享的文件上传到新邮箱网页版（{webmail}）的文件存储中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="113"/>
        <source>When everything is downloaded, tick the box. Keep the folder on this computer (and a backup), or upload the files you still share into the new mailbox&apos;s file storage in its webmail.</source>
        <translation>全部下载完成后，请勾选下面的方框。请把这个文件夹保存在这台电脑上（并另做备份），或把仍需共享的文件上传到新邮箱网页版的文件存储中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="118"/>
        <source>mailmover does not know the address of the old cloud drive: open the old webmail yourself and look for the cloud drive (网盘).</source>
        <translation>mailmover 不知道旧网盘的地址：请自己打开旧邮箱网页版，找到“网盘”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="121"/>
        <source>The browser could not be opened. Open this address yourself: {url}</source>
        <translation>无法打开浏览器。请自己打开这个地址：{url}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="127"/>
        <source>Open the old cloud drive</source>
        <translation>打开旧网盘</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="128"/>
        <source>Choose the &amp;download folder…</source>
        <translation>选择下载文件夹(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="129"/>
        <source>I have downloaded all my files</source>
        <translation>我已下载全部文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="138"/>
        <source>In {folder}: {count}, {size} in total.</source>
        <translation>{folder} 中共有 {count}，合计 {size}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="140"/>
        <source>{n} file</source>
        <translation>{n} 个文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="140"/>
        <source>{n} files</source>
        <translation>{n} 个文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="143"/>
        <source>No folder chosen yet. You can skip this step.</source>
        <translation>尚未选择文件夹。您也可以跳过这一步。</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="29"/>
        <location filename="../../mailmover/gui/pages/contacts.py" line="295"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="30"/>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="31"/>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="32"/>
        <source>Middle name</source>
        <translation>中间名</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="33"/>
        <source>Title before the name</source>
        <translation>称谓</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="34"/>
        <source>Suffix</source>
        <translation>后缀</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="35"/>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="36"/>
        <location filename="../../mailmover/gui/pages/contacts.py" line="295"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="37"/>
        <source>Work e-mail</source>
        <translation>工作邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="38"/>
        <source>Home e-mail</source>
        <translation>个人邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="39"/>
        <source>Mobile phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="40"/>
        <location filename="../../mailmover/gui/pages/contacts.py" line="296"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="41"/>
        <source>Work phone</source>
        <translation>办公电话</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="42"/>
        <source>Home phone</source>
        <translation>家庭电话</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="43"/>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="44"/>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="45"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="46"/>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="47"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="48"/>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="49"/>
        <source>Leave out</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="53"/>
        <source>Coremail address book (CSV)</source>
        <translation>Coremail 通讯录 (CSV)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="54"/>
        <source>Outlook contacts (CSV)</source>
        <translation>Outlook 联系人 (CSV)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="55"/>
        <source>Google contacts (CSV)</source>
        <translation>Google 通讯录 (CSV)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="56"/>
        <source>Thunderbird address book (CSV)</source>
        <translation>Thunderbird 通讯录 (CSV)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="57"/>
        <source>Foxmail address book (CSV)</source>
        <translation>Foxmail 通讯录 (CSV)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="58"/>
        <source>Table of contacts (CSV)</source>
        <translation>联系人表格 (CSV)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="59"/>
        <source>Business cards (vCard)</source>
        <translation>电子名片 (vCard)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="61"/>
        <source>Business cards (vCard {version})</source>
        <translation>电子名片 (vCard {version})</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="65"/>
        <location filename="../../mailmover/gui/pages/contacts.py" line="66"/>
        <source>Unicode (UTF-8)</source>
        <translation>Unicode（UTF-8）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="67"/>
        <location filename="../../mailmover/gui/pages/contacts.py" line="68"/>
        <source>Simplified Chinese, Windows (GBK/GB18030)</source>
        <translation>简体中文 Windows（GBK/GB18030）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="69"/>
        <source>Traditional Chinese (Big5)</source>
        <translation>繁体中文（Big5）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="70"/>
        <location filename="../../mailmover/gui/pages/contacts.py" line="71"/>
        <location filename="../../mailmover/gui/pages/contacts.py" line="72"/>
        <source>Unicode text from Excel (UTF-16)</source>
        <translation>Excel 的 Unicode 文本（UTF-16）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="73"/>
        <source>Western European, Windows (cp1252)</source>
        <translation>西欧语言 Windows（cp1252）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="95"/>
        <source>The file was not found.</source>
        <translation>找不到该文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="96"/>
        <source>The file could not be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="97"/>
        <source>The file is empty.</source>
        <translation>该文件是空的。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="98"/>
        <source>This is not an address-book export. Export the contacts as CSV or vCard and choose that file.</source>
        <translation>这不是通讯录导出文件。请将联系人导出为 CSV 或 vCard 格式，再选择该文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="101"/>
        <source>The text encoding could not be recognised. Pick one in the list until the names look right.</source>
        <translation>无法识别文本编码。请在列表中选择，直到姓名显示正常为止。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="104"/>
        <source>The file cannot be read with this text encoding; pick another.</source>
        <translation>无法用此编码读取该文件，请换一种编码。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="106"/>
        <source>No column with e-mail addresses was recognised. Choose &quot;E-mail&quot; for the right column in the table of columns.</source>
        <translation>没有找到邮箱地址所在的列。请在“列”表格中为正确的列选择“电子邮件”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="109"/>
        <source>The file holds no contacts.</source>
        <translation>该文件中没有联系人。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="110"/>
        <source>The file is damaged (not a valid CSV file).</source>
        <translation>文件已损坏（不是有效的 CSV 文件）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="112"/>
        <source>The file ends in the middle of a contact; export it again.</source>
        <translation>文件在某个联系人中间中断了，请重新导出。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="114"/>
        <source>The file is damaged (not a valid vCard file).</source>
        <translation>文件已损坏（不是有效的 vCard 文件）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="116"/>
        <source>The file changed while it was read; try again.</source>
        <translation>读取过程中文件被修改了，请重试。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="118"/>
        <source>The file for import could not be saved there; choose another place.</source>
        <translation>无法在该位置保存导入文件，请换一个位置。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="120"/>
        <source>e-mail address looks wrong</source>
        <translation>邮箱地址似乎有误</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="121"/>
        <source>no e-mail address</source>
        <translation>没有邮箱地址</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="122"/>
        <source>phone number was changed by Excel (e.g. 1.38E+10)</source>
        <translation>电话号码被 Excel 改写了（例如 1.38E+10）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="209"/>
        <source>Choose the exported contacts</source>
        <translation>选择导出的联系人文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="210"/>
        <source>Address books (*.csv *.vcf *.txt);;All files (*)</source>
        <translation>通讯录文件 (*.csv *.vcf *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="239"/>
        <source>Save the file for import</source>
        <translation>保存导入文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="240"/>
        <source>CSV for the new webmail (*.csv);;vCard (*.vcf)</source>
        <translation>新邮箱可导入的 CSV (*.csv);;vCard (*.vcf)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="272"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="273"/>
        <source>Your address book goes along too.</source>
        <translation>您的通讯录也一起搬过去。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="275"/>
        <source>The mail programs cannot move the address book by themselves. mailmover prepares a file that the new webmail can import.</source>
        <translation>邮件系统本身无法搬迁通讯录。mailmover 会为您准备一个新邮箱可以导入的文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="278"/>
        <source>&lt;ol&gt;&lt;li&gt;In the old webmail, open &lt;i&gt;Address book&lt;/i&gt; and choose &lt;i&gt;Export&lt;/i&gt; (CSV or vCard). Save the file.&lt;/li&gt;&lt;li&gt;Choose that file here, or drop it on this page.&lt;/li&gt;&lt;li&gt;Check the preview, then save the file for import.&lt;/li&gt;&lt;li&gt;In the new webmail, open &lt;i&gt;Contacts → Import&lt;/i&gt; (通讯录 → 导入) and choose the saved file.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol&gt;&lt;li&gt;在旧邮箱网页版中打开&lt;i&gt;通讯录&lt;/i&gt;，选择&lt;i&gt;导出&lt;/i&gt;（CSV 或 vCard），保存文件。&lt;/li&gt;&lt;li&gt;在这里选择该文件，或直接把文件拖到本页。&lt;/li&gt;&lt;li&gt;检查预览，然后保存导入文件。&lt;/li&gt;&lt;li&gt;在新邮箱网页版中打开&lt;i&gt;通讯录 → 导入&lt;/i&gt;，选择刚保存的文件。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="284"/>
        <source>Open the old webmail</source>
        <translation>打开旧邮箱网页版</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="285"/>
        <source>Choose the exported &amp;file…</source>
        <translation>选择导出的文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="286"/>
        <source>&amp;Save the file for import…</source>
        <translation>保存导入文件(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="287"/>
        <source>Open the new webmail to import</source>
        <translation>打开新邮箱网页版导入</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="290"/>
        <source>Text &amp;encoding:</source>
        <translation>文本编码(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="291"/>
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="292"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="293"/>
        <source>Means</source>
        <translation>含义</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="294"/>
        <source>Columns of the file</source>
        <translation>文件的各列</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="296"/>
        <source>To check</source>
        <translation>需核对</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="297"/>
        <source>First contacts of the file</source>
        <translation>文件中的前几位联系人</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="303"/>
        <source>Converting contacts is not available in this version; the help desk can do it for you.</source>
        <translation>此版本无法转换联系人，服务台可以帮您处理。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="306"/>
        <source>No file chosen yet. You can also skip this step and come back later.</source>
        <translation>尚未选择文件。您也可以先跳过这一步，稍后再回来。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="311"/>
        <source>File: {name} · format: {format}</source>
        <translation>文件：{name} · 格式：{format}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="340"/>
        <source>— not recognised —</source>
        <translation>— 未识别 —</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="344"/>
        <source>Meaning of column {column}</source>
        <translation>“{column}”列的含义</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="383"/>
        <source>Columns not recognised (marked red): {columns}. Choose what they mean, or &quot;Leave out&quot;.</source>
        <translation>未识别的列（红色标出）：{columns}。请选择它们的含义，或选“不导入”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="387"/>
        <source>{n} of the first contacts have something to check (last column). They are imported anyway; you can correct them later.</source>
        <translation>前几位联系人中有 {n} 位需要核对（见最后一列）。它们仍会被导入，您可以稍后修改。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="399"/>
        <source>Saved {written} contacts to {path} ({merged} duplicates merged, {flagged} to check). Now import this file in the new webmail.</source>
        <translation>已将 {written} 位联系人保存到 {path}（合并了 {merged} 个重复项，{flagged} 位需核对）。现在请在新邮箱网页版中导入此文件。</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message>
        <location filename="../../mailmover/gui/pages/moving_parts.py" line="38"/>
        <source>Copied:</source>
        <translation>已复制：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving_parts.py" line="38"/>
        <source>Already there:</source>
        <translation>原本已有：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving_parts.py" line="39"/>
        <source>Skipped:</source>
        <translation>已跳过：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving_parts.py" line="39"/>
        <source>Failed:</source>
        <translation>失败：</translation>
    </message>
</context>
<context>
    <name>FinishedPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="38"/>
        <source>Finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="39"/>
        <source>What was done and what is left.</source>
        <translation>已完成的工作和剩余的事项。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="40"/>
        <source>Thank you. Here is a summary you can keep.</source>
        <translation>谢谢您的耐心。以下摘要供您留存。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="52"/>
        <source>Mail: {copied} copied ({size}), {present} already there.</source>
        <translation>邮件：已复制 {copied}（{size}），另有 {present} 封原本已在新邮箱中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="47"/>
        <source>{n} message</source>
        <translation>{n} 封邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="48"/>
        <source>{n} messages</source>
        <translation>{n} 封邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="50"/>
        <source>Mail: {copied} copied, {present} already there.</source>
        <translation>邮件：已复制 {copied}，另有 {present} 封原本已在新邮箱中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="56"/>
        <source>1 message still needs attention: see the report and try again.</source>
        <translation>还有 1 封邮件需要处理：请查看报告并重试。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="58"/>
        <source>{n} messages still need attention: see the report and try again.</source>
        <translation>还有 {n} 封邮件需要处理：请查看报告并重试。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="61"/>
        <source>Mail has not been moved yet.</source>
        <translation>邮件尚未搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="63"/>
        <source>Contacts: saved for import in {path}.</source>
        <translation>联系人：导入文件已保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="65"/>
        <source>Import the contacts file in the new webmail.</source>
        <translation>在新邮箱网页版中导入联系人文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="67"/>
        <source>Contacts: not done yet.</source>
        <translation>联系人：尚未完成。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="69"/>
        <source>Cloud drive: {count} ({size}) downloaded.</source>
        <translation>网盘：已下载 {count}（{size}）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="70"/>
        <source>{n} file</source>
        <translation>{n} 个文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="71"/>
        <source>{n} files</source>
        <translation>{n} 个文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="74"/>
        <source>Cloud drive: download what can still be reached.</source>
        <translation>网盘：请下载仍能访问的文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="76"/>
        <source>Cloud drive: download your files before the old system closes.</source>
        <translation>网盘：请在旧系统关闭前下载您的文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="80"/>
        <source>The old system closed on {date}.</source>
        <translation>旧系统已于 {date} 关闭。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="82"/>
        <source>Run mailmover once more shortly before the old system closes: it copies only the mail that arrived since.</source>
        <translation>请在旧系统关闭前再运行一次 mailmover：它只会复制此后新收到的邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="85"/>
        <source>The old system closes on {date}.</source>
        <translation>旧系统将于 {date} 关闭。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="90"/>
        <source>The report is saved at {path}.</source>
        <translation>报告保存在 {path}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="97"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="98"/>
        <source>Still to do</source>
        <translation>还需要做的事</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="103"/>
        <location filename="../../mailmover/gui/pages/finished.py" line="104"/>
        <source>Open the report</source>
        <translation>打开报告</translation>
    </message>
</context>
<context>
    <name>FolderProgressTable</name>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="51"/>
        <source>✔ done</source>
        <translation>✔ 完成</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="51"/>
        <source>done, some failed</source>
        <translation>完成，部分失败</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="57"/>
        <source>reading… {s} s</source>
        <translation>正在读取… {s} 秒</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="55"/>
        <source>copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="53"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="59"/>
        <source>to come</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="60"/>
        <source>not reached</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="60"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="70"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="70"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="70"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="70"/>
        <source>Already there</source>
        <translation>原本已有</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="71"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="71"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folder_progress.py" line="72"/>
        <source>Progress per folder</source>
        <translation>各文件夹进度</translation>
    </message>
</context>
<context>
    <name>FoldersPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="297"/>
        <source>Start anyway?</source>
        <translation>仍要开始吗？</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="312"/>
        <source>{problem} — {fix}</source>
        <translation>{problem} — {fix}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="314"/>
        <source>Start moving anyway?</source>
        <translation>仍要开始搬迁吗？</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="325"/>
        <source>To move: {folders}, {messages}, {size}. Estimated time: {time}. You can keep working meanwhile.</source>
        <translation>待搬迁：{folders}，{messages}，共 {size}。预计用时：{time}。搬迁期间您可以照常工作。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="327"/>
        <source>{n} folder</source>
        <translation>{n} 个文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="327"/>
        <source>{n} folders</source>
        <translation>{n} 个文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="328"/>
        <source>{n} message</source>
        <translation>{n} 封邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="328"/>
        <source>{n} messages</source>
        <translation>{n} 封邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="346"/>
        <source>Goes to the new mailbox&apos;s {role} folder</source>
        <translation>放入新邮箱的“{role}”文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="353"/>
        <source>Move folder {folder}</source>
        <translation>搬迁文件夹 {folder}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="357"/>
        <source>What to move</source>
        <translation>选择要搬迁的内容</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="358"/>
        <source>Your folders in the old mailbox and where each will go.</source>
        <translation>旧邮箱中的文件夹，以及每个文件夹在新邮箱中的位置。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="360"/>
        <source>Ticked folders are copied. You can change the name of the folder in the new mailbox by double-clicking it. Quarantine folders (viruses) are left out unless you tick them.</source>
        <translation>勾选的文件夹会被复制。双击新邮箱中的文件夹名称可以修改。病毒隔离文件夹默认不搬迁，除非您勾选它。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="364"/>
        <source>Move</source>
        <translation>搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="364"/>
        <source>Old folder</source>
        <translation>旧文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="364"/>
        <source>Messages</source>
        <translation>邮件数</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="364"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="365"/>
        <source>Folder in the new mailbox</source>
        <translation>新邮箱中的文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="365"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="366"/>
        <source>Folders to move</source>
        <translation>要搬迁的文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="368"/>
        <source>Reading your folders…</source>
        <translation>正在读取您的文件夹……</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="378"/>
        <source>Before you start: a check of both mailboxes</source>
        <translation>开始之前：检查新旧邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="379"/>
        <source>Check &amp;again</source>
        <translation>重新检查(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="380"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="382"/>
        <source>Results of the check</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="386"/>
        <source>The check runs as soon as your folders are read.</source>
        <translation>读取文件夹后将自动开始检查。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="388"/>
        <source>Checking space, message sizes and what mail programs can see in the new mailbox…</source>
        <translation>正在检查新邮箱的剩余空间、邮件大小限制，以及邮件客户端能看到哪些邮件…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="391"/>
        <source>The check could not finish: {why} You can still start moving.</source>
        <translation>检查未能完成：{why} 您仍然可以开始搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="395"/>
        <source>The check found 1 thing to look at. You can still start moving, but read this first:</source>
        <translation>检查发现 1 处需要留意。您仍然可以开始搬迁，但请先阅读以下说明：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="397"/>
        <source>The check found {n} things to look at. You can still start moving, but read these first:</source>
        <translation>检查发现 {n} 处需要留意。您仍然可以开始搬迁，但请先阅读以下说明：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="400"/>
        <source>Everything looks ready for the move.</source>
        <translation>一切就绪，可以开始搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="432"/>
        <source>Start moving</source>
        <translation>开始搬迁</translation>
    </message>
</context>
<context>
    <name>HelpDeskView</name>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="99"/>
        <source>Save the diagnostic bundle</source>
        <translation>保存诊断包</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="101"/>
        <source>Zip archive (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="107"/>
        <source>Saved to {path}. It holds no passwords and no message contents.</source>
        <translation>已保存到 {path}。其中不含密码，也不含邮件内容。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="121"/>
        <source>mailmover – help-desk view</source>
        <translation>mailmover – 服务台视图</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="122"/>
        <source>Servers and their capabilities:</source>
        <translation>服务器及其功能：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="123"/>
        <source>Live log (passwords are never shown):</source>
        <translation>实时日志（从不显示密码）：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="124"/>
        <source>Server capabilities</source>
        <translation>服务器功能</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="125"/>
        <source>Live log</source>
        <translation>实时日志</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="126"/>
        <source>Save a diagnostic bundle…</source>
        <translation>保存诊断包…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="127"/>
        <source>Save a diagnostic bundle</source>
        <translation>保存诊断包</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="128"/>
        <source>Open a batch summary…</source>
        <translation>打开批量迁移汇总…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="129"/>
        <source>Open a batch summary</source>
        <translation>打开批量迁移汇总</translation>
    </message>
</context>
<context>
    <name>MailWizard</name>
    <message>
        <location filename="../../mailmover/gui/steps.py" line="28"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/app.py" line="151"/>
        <source>mailmover – move to the new mailbox</source>
        <translation>mailmover – 搬迁到新邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/app.py" line="152"/>
        <source>Help-desk view</source>
        <translation>服务台视图</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/app.py" line="157"/>
        <source>Technical details for the help desk</source>
        <translation>供服务台查看的技术细节</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/app.py" line="180"/>
        <source>Stop moving?</source>
        <translation>停止搬迁？</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/app.py" line="181"/>
        <source>Mail is still being copied. Stop and close? Your progress is saved; next time mailmover offers to continue where it stopped.</source>
        <translation>邮件仍在复制中。要停止并关闭吗？进度已保存，下次打开 mailmover 时可以从中断处继续。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="16"/>
        <source>The server name {host} could not be found. Check the spelling of the server and that this computer is connected to the network.</source>
        <translation>找不到服务器 {host}。请检查服务器名称是否拼写正确，以及这台电脑是否已联网。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="21"/>
        <source>The server {host} did not accept a connection on port {port}. Check the server name and port, or ask the help desk whether the server is running.</source>
        <translation>服务器 {host} 在端口 {port} 上拒绝连接。请检查服务器名称和端口，或向服务台询问服务器是否正常运行。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="26"/>
        <source>The server {host} did not answer in time. The network may be slow or a firewall may block it; try again in a moment.</source>
        <translation>服务器 {host} 没有及时响应。可能是网络较慢或被防火墙拦截，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="31"/>
        <source>A network problem stopped the connection to {host}.</source>
        <translation>网络问题导致与 {host} 的连接中断。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="34"/>
        <source>The security certificate of {host} cannot be trusted, so mailmover did not send your password. Check the server name; if it is right, call the help desk.</source>
        <translation>{host} 的安全证书不可信，因此 mailmover 没有发送您的密码。请检查服务器名称；如果名称无误，请联系服务台。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="39"/>
        <source>A secure connection to {host} could not be set up. Check the port and the security setting.</source>
        <translation>无法与 {host} 建立安全连接。请检查端口和加密方式设置。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="44"/>
        <source>The server {host} does not offer an encrypted connection on this port. Choose SSL/TLS and port 993.</source>
        <translation>服务器 {host} 在此端口上不提供加密连接。请选择 SSL/TLS 和端口 993。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="49"/>
        <source>The server {host} only offers an old, unsafe kind of encryption (older than TLS 1.2), so mailmover did not send your password. The server&apos;s administrators need to update it.</source>
        <translation>服务器 {host} 只提供一种过时、不安全的加密方式（低于 TLS 1.2），所以 mailmover 没有发送您的密码。需要由该服务器的管理员升级。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="55"/>
        <source>The server {host} agreed to encrypt the connection but then did not, so mailmover did not send your password. Choose SSL/TLS and port 993.</source>
        <translation>服务器 {host} 同意加密连接，但随后并没有加密，所以 mailmover 没有发送您的密码。请选择 SSL/TLS 和端口 993。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="60"/>
        <source>mailmover will not send your password unencrypted to {host}. Choose SSL/TLS.</source>
        <translation>mailmover 不会以未加密的方式向 {host} 发送您的密码。请选择 SSL/TLS。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="64"/>
        <source>The server {host} did not accept this e-mail address and password. Check both and try again; the password is case-sensitive.</source>
        <translation>服务器 {host} 不接受此邮箱地址和密码。请检查后重试；密码区分大小写。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="69"/>
        <source>The server {host} wants a client-specific password instead of your normal password.</source>
        <translation>服务器 {host} 要求使用“客户端专用密码”，而不是您平时的登录密码。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="74"/>
        <source>IMAP access is switched off for this mailbox on {host}. Switch it on in the webmail settings, or ask the help desk to do it.</source>
        <translation>此邮箱在 {host} 上未开启 IMAP 服务。请在网页版设置中开启，或请服务台帮您开启。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="79"/>
        <source>The server {host} blocked the login as unsafe. Log in once in the webmail, then try again; if it keeps happening, call the help desk.</source>
        <translation>服务器 {host} 认为此次登录不安全并予以拦截。请先在网页版登录一次，然后重试；如果仍然如此，请联系服务台。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="84"/>
        <source>The server {host} refused the request.</source>
        <translation>服务器 {host} 拒绝了请求。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="85"/>
        <source>The connection to {host} was lost.</source>
        <translation>与 {host} 的连接已断开。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="88"/>
        <source>The folder {folder} could not be created in the new mailbox.</source>
        <translation>无法在新邮箱中创建文件夹 {folder}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="91"/>
        <source>The folder {folder} no longer exists.</source>
        <translation>文件夹 {folder} 已不存在。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="92"/>
        <source>Gmail does not show its All Mail folder to mail programs, so archived mail cannot be seen; nothing was copied. In Gmail open Settings, Labels, tick “Show in IMAP” for All Mail, then try again.</source>
        <translation>Gmail 没有向邮件程序显示“所有邮件”文件夹，因此看不到已归档的邮件；没有复制任何邮件。请在 Gmail 中打开“设置”→“标签”，为“所有邮件”勾选“在 IMAP 中显示”，然后重试。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="98"/>
        <source>Gmail allows mail programs about {budget_mb} MB a day and {used_mb} MB were moved in the last 24 hours, so the move stopped here for today; nothing is lost. Start the move again after {resume_at}: it continues where it stopped.</source>
        <translation>Gmail 每天只允许邮件程序传输约 {budget_mb} MB，过去 24 小时内已迁移 {used_mb} MB，所以今天的迁移到此暂停；没有丢失任何邮件。请在 {resume_at} 之后再次开始迁移：会从停下的地方继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="104"/>
        <source>The daily limit chosen for this move ({budget_mb} MB) is used up, so the move stopped here for today; nothing is lost. Start the move again after {resume_at}: it continues where it stopped.</source>
        <translation>本次迁移设定的每日上限（{budget_mb} MB）已用完，所以今天的迁移到此暂停；没有丢失任何邮件。请在 {resume_at} 之后再次开始迁移：会从停下的地方继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="110"/>
        <source>The server {host} will not give or take more mail today, so the move stopped here; nothing is lost. Wait some hours (Gmail: up to a day), then start the move again: it continues where it stopped.</source>
        <translation>服务器 {host} 今天不再收发更多邮件，所以迁移到此暂停；没有丢失任何邮件。请等待几个小时（Gmail 最长一天）后再次开始迁移：会从停下的地方继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="116"/>
        <source>The server {host} ended the session; mailmover connects again.</source>
        <translation>服务器 {host} 结束了会话；mailmover 会重新连接。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="119"/>
        <source>The new mailbox is full. Free some space there (or ask the help desk for more), then continue: nothing is copied twice.</source>
        <translation>新邮箱已满。请先腾出空间（或请服务台扩容），然后继续：不会重复复制任何邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="124"/>
        <source>This account address is not valid.</source>
        <translation>此账户地址无效。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="125"/>
        <source>The e-mail address contains an invisible control character ({char}). Type it again by hand; nothing was sent to the server.</source>
        <translation>邮箱地址中含有不可见的控制字符（{char}）。请手动重新输入；没有向服务器发送任何内容。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="131"/>
        <source>The saved progress file {path} cannot be opened, so the move did not start; the file was left as it is. Please send the help desk the diagnostics file.</source>
        <translation>无法打开保存的进度文件 {path}，搬迁没有开始；该文件保持原样。请把诊断文件发给服务台。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="136"/>
        <source>The saved progress file is in use by another program (another mailmover window?). Close it, then try again: nothing is copied twice.</source>
        <translation>保存的进度文件正被另一个程序使用（是否还开着另一个 mailmover 窗口？）。请关闭它后再试：不会重复复制任何邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="141"/>
        <source>Another move into the new mailbox {target} is already running (started {since} by {holder}). Only one move at a time can fill a mailbox: wait until it has finished, or stop it there, then try again.</source>
        <translation>另一个搬迁任务正在向新邮箱 {target} 搬迁（{since} 由 {holder} 开始）。同一个邮箱一次只能进行一个搬迁：请等它完成，或先在那里停止它，然后再试。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="147"/>
        <source>This computer&apos;s disk is full ({path}). Free some space (empty the recycle bin, delete large downloads), then continue: nothing is copied twice.</source>
        <translation>这台电脑的磁盘已满（{path}）。请腾出一些空间（清空回收站、删除较大的下载文件），然后继续：不会重复复制任何邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="152"/>
        <source>mailmover cannot save its progress in {path} ({detail}). Ask the help desk to check the permissions of that folder.</source>
        <translation>mailmover 无法在 {path} 中保存进度（{detail}）。请联系服务台检查该文件夹的权限。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="157"/>
        <source>mailmover will not use {path}: it is a link, or another user of this computer could change it. Nothing was written there. Ask the help desk to check it.</source>
        <translation>mailmover 不会使用 {path}：它是一个链接，或者这台电脑的其他用户可以更改它。没有向那里写入任何内容。请联系服务台检查。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="162"/>
        <source>mailmover keeps its progress in {path}, on a disk without permissions (such as a USB disk): other people who use this computer could read it and the saved messages.</source>
        <translation>mailmover 把进度保存在 {path}，它位于一个没有权限设置的磁盘上（例如 U 盘）：使用这台电脑的其他人可以读取进度和保存下来的邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="168"/>
        <source>The security certificate file {path} set up for this computer is missing or cannot be read. Ask the help desk to check the installation.</source>
        <translation>为这台电脑设置的安全证书文件 {path} 不存在或无法读取。请联系服务台检查安装。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="173"/>
        <source>The file {path} set up as the security certificate is not a certificate. Ask the help desk for the right file (it usually ends in .pem or .crt).</source>
        <translation>设置为安全证书的文件 {path} 不是证书。请向服务台索取正确的文件（通常以 .pem 或 .crt 结尾）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="178"/>
        <source>The server {host} sent something that cannot be right, so this folder was left out. The help desk can look at the details.</source>
        <translation>服务器 {host} 发来了明显有误的数据，因此跳过了这个文件夹。服务台可以查看详细信息。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="183"/>
        <source>mailmover ran into an error of its own. Nothing was lost. Please save the help-desk file (the Help-desk view button) and send it to the help desk.</source>
        <translation>mailmover 自身出现了错误。没有丢失任何邮件。请保存服务台诊断文件（“服务台视图”按钮），并发送给服务台。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="188"/>
        <source>The server {host} asked mailmover to slow down.</source>
        <translation>服务器 {host} 要求 mailmover 放慢速度。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="191"/>
        <source>The old folder {folder} is now called {now}. Its mail stays in {target} in the new mailbox, so nothing is copied twice.</source>
        <translation>旧文件夹“{folder}”已改名为“{now}”。其中的邮件仍放在新邮箱的“{target}”中，不会重复复制。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="196"/>
        <source>The new mailbox does not allow the folder {folder} at the top level, so mailmover created it as {target}.</source>
        <translation>新邮箱不允许在最上层创建文件夹“{folder}”，mailmover 已将其创建为“{target}”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="201"/>
        <source>The server allowed fewer connections at once than mailmover asked for. The move goes on with fewer; it may take a little longer.</source>
        <translation>服务器允许的同时连接数少于 mailmover 的请求。搬迁会以较少的连接继续进行，可能稍慢一些。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="206"/>
        <source>The old folder {folder} would have gone into {planned} together with another folder, so it goes to {target} instead.</source>
        <translation>旧文件夹 {folder} 会和另一个文件夹一起放入 {planned}，因此改为放入 {target}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="211"/>
        <source>The old folder {folder} was moved before under another name; its mail stays in {target} in the new mailbox, so nothing is copied twice.</source>
        <translation>旧文件夹 {folder} 之前以另一个名称搬迁过；它的邮件仍在新邮箱的 {target} 中，不会重复复制。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="216"/>
        <source>The old server would not open the folder {folder} ({detail}), so it was left out; the other folders are moved.</source>
        <translation>旧服务器拒绝打开文件夹 {folder}（{detail}），因此跳过了它；其他文件夹照常搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="221"/>
        <source>The new mailbox cannot keep folders inside a folder that holds mail; the folder {folder} was created beside it, as {target}.</source>
        <translation>新邮箱不能在存有邮件的文件夹里再建文件夹；文件夹 {folder} 已建在它旁边，名为 {target}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="226"/>
        <source>The new mailbox accepted {count} messages of the folder {folder} and then did not keep them; they count as not yet copied, and the next run copies them again.</source>
        <translation>新邮箱接收了文件夹 {folder} 中的 {count} 封邮件，随后却没有保存下来；它们算作尚未复制，下次运行会重新复制。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="231"/>
        <source>The new mailbox did not keep the received date of {count} messages in the folder {folder}; mail programs there may sort them by the day they were moved.</source>
        <translation>新邮箱没有保留文件夹 {folder} 中 {count} 封邮件的接收日期；邮件程序可能会按搬迁当天的日期排列它们。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="236"/>
        <source>The new mailbox cannot keep the labels {flags} of the folder {folder}; those messages were copied without them.</source>
        <translation>新邮箱无法保留文件夹 {folder} 中邮件的标签 {flags}；这些邮件已复制，但不带这些标签。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="241"/>
        <source>{count} messages of the old folder {folder} were deleted there during the move; they were not copied.</source>
        <translation>旧文件夹 {folder} 中有 {count} 封邮件在搬迁期间被删除，这些邮件没有复制。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="246"/>
        <source>{count} messages of the old folder {folder} are marked as deleted there but not yet erased; they were left out, like mail in the recycle bin.</source>
        <translation>旧文件夹 {folder} 中有 {count} 封邮件已被标记为删除但尚未彻底清除；它们没有被搬迁，就像回收站里的邮件一样。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="251"/>
        <source>The folder {folder} in the new mailbox was deleted while the move was writing to it; it was created again and the move went on. Messages copied into it before were deleted with it and are not copied again.</source>
        <translation>新邮箱中的文件夹 {folder} 在搬迁写入时被删除；已重新创建该文件夹并继续搬迁。删除前已复制进去的邮件随文件夹一起被删除，不会再次复制。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="257"/>
        <source>The old folder {folder} was renamed or deleted while it was being moved; what was not yet copied was left there. Run the move again: it finds the folder by its mail.</source>
        <translation>旧邮箱的文件夹 {folder} 在搬迁过程中被改名或删除；尚未复制的邮件留在了原处。请再运行一次搬迁：它会根据邮件找到这个文件夹。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="262"/>
        <source>The old server rebuilt the folder {folder}; mailmover checks it again from the start (nothing is copied twice).</source>
        <translation>旧服务器重建了文件夹 {folder}；mailmover 会从头重新核对（不会重复复制）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="268"/>
        <source>The sign-in was refused: {detail}. Sign in again and accept the request in the browser.</source>
        <translation>登录被拒绝：{detail}。请重新登录，并在浏览器中同意授权请求。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="273"/>
        <source>Your organisation&apos;s administrator must approve mailmover first. Give the help desk this link: {consent_url}</source>
        <translation>需要贵单位的管理员先批准 mailmover。请把这个链接交给信息中心：{consent_url}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="278"/>
        <source>No answer came back from the browser in time. Sign in again and finish in the browser window that opens.</source>
        <translation>浏览器没有及时返回结果。请重新登录，并在打开的浏览器窗口中完成登录。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="283"/>
        <source>The code was not entered in time. Sign in again.</source>
        <translation>没有及时输入验证码。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="286"/>
        <source>The sign-in was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="287"/>
        <source>You signed in as {signed_in}, but this mailbox is {user}. Sign in again with {user}.</source>
        <translation>您登录的是 {signed_in}，但这个邮箱是 {user}。请用 {user} 重新登录。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="291"/>
        <source>The sign-in has expired or was withdrawn. Sign in again.</source>
        <translation>登录已过期或已被撤销。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="294"/>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="295"/>
        <source>The sign-in service {issuer} cannot be used: {detail}</source>
        <translation>无法使用登录服务 {issuer}：{detail}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="298"/>
        <source>mailmover has no app registration for this provider yet. Your IT office registers it once and puts its client id in the institution profile (docs/oauth.md).</source>
        <translation>mailmover 还没有这个服务商的应用注册。请信息中心注册一次，并把客户端 ID（client id）写入学校的配置文件（见 docs/oauth.md）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="303"/>
        <source>The mailbox on {host} did not accept the sign-in of {user}. Check that you signed in as {user}; if you did, IMAP may be switched off for this mailbox: ask the help desk.</source>
        <translation>{host} 上的邮箱没有接受 {user} 的登录。请确认您是用 {user} 登录的；如果是，可能这个邮箱的 IMAP 没有开启：请联系信息中心。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="312"/>
        <source>Too large for the new mailbox</source>
        <translation>邮件过大，新邮箱无法接收</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="313"/>
        <source>Refused by the new mailbox</source>
        <translation>被新邮箱拒收</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="314"/>
        <source>Deleted from the old mailbox during the move</source>
        <translation>搬迁期间已从旧邮箱中删除</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="317"/>
        <source>Larger than the size you chose to move</source>
        <translation>超过您设定的搬迁大小上限</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="320"/>
        <source>Marked as deleted in the old mailbox (not yet erased there)</source>
        <translation>在旧邮箱中已标记为删除（尚未彻底清除）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="323"/>
        <source>Also in another Gmail label, where it was moved (one copy only)</source>
        <translation>也在另一个 Gmail 标签中，已迁移到那里（只保留一份）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="326"/>
        <source>The old server would not give this message</source>
        <translation>旧服务器拒绝提供这封邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="329"/>
        <source>Reading this message from the old server broke the connection every time</source>
        <translation>每次从旧服务器读取这封邮件时连接都会中断</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="351"/>
        <source>{program}, process {pid} on the computer {computer}</source>
        <translation>计算机 {computer} 上的 {program}（进程 {pid}）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="18"/>
        <source>Logged in to the old mailbox {user} on {host}.</source>
        <translation>已登录旧邮箱 {user}（{host}）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="20"/>
        <source>Logged in to the new mailbox {user} on {host}.</source>
        <translation>已登录新邮箱 {user}（{host}）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="22"/>
        <source>Could not log in to the old mailbox {user} on {host}: {reason}</source>
        <translation>无法登录旧邮箱 {user}（{host}）：{reason}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="24"/>
        <source>Could not log in to the new mailbox {user} on {host}: {reason}</source>
        <translation>无法登录新邮箱 {user}（{host}）：{reason}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="26"/>
        <source>Folders to move: {folders}; messages: {messages}; size: {size}.</source>
        <translation>待搬迁文件夹：{folders} 个；邮件：{messages} 封；大小：{size}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="28"/>
        <source>At Gmail&apos;s limits (about {per_day} MB a day) this move of {size} takes about {days} day(s): each day it stops when the limit is reached.</source>
        <translation>按 Gmail 的限制（每天约 {per_day} MB），这次 {size} 的迁移大约需要 {days} 天：每天达到上限时会暂停。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="31"/>
        <source>At the daily limit chosen ({per_day} MB a day) this move of {size} takes about {days} day(s): each day it stops when the limit is reached.</source>
        <translation>按设定的每日上限（每天 {per_day} MB），这次 {size} 的迁移大约需要 {days} 天：每天达到上限时会暂停。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="34"/>
        <source>Enough space: the new mailbox has {free} free and the move needs at most {needed}.</source>
        <translation>空间充足：新邮箱剩余 {free}，本次搬迁最多需要 {needed}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="37"/>
        <source>The new mailbox has {free} free and the move needs up to {needed}: it will be nearly full.</source>
        <translation>新邮箱剩余 {free}，本次搬迁最多需要 {needed}：搬迁后邮箱将接近占满。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="40"/>
        <source>Not enough space: the new mailbox has only {free} free ({used} of {limit} used), but the move needs up to {needed}.</source>
        <translation>空间不足：新邮箱仅剩 {free}（容量 {limit}，已用 {used}），而本次搬迁最多需要 {needed}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="43"/>
        <source>The new server reports no storage limit for this mailbox.</source>
        <translation>新服务器未报告此邮箱的容量上限。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="45"/>
        <source>The largest message ({largest}) is within the new mailbox&apos;s limit ({limit}).</source>
        <translation>最大的一封邮件（{largest}）未超过新邮箱的单封上限（{limit}）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="48"/>
        <source>The largest message is {largest}; the new server sets no size limit for messages.</source>
        <translation>最大的一封邮件为 {largest}；新服务器未设置单封邮件大小上限。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="51"/>
        <source>1 message is larger than the new mailbox accepts ({limit}): {largest} in {folder}.</source>
        <translation>有 1 封邮件超过新邮箱的单封上限（{limit}）：位于“{folder}”，大小 {largest}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="54"/>
        <source>{count} messages are larger than the new mailbox accepts ({limit}); the largest is {largest} in {folder}.</source>
        <translation>有 {count} 封邮件超过新邮箱的单封上限（{limit}）；最大的一封位于“{folder}”，大小 {largest}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="57"/>
        <source>Older mail will be visible in the new mailbox: a test message dated {date} could be seen.</source>
        <translation>较早的邮件在新邮箱中可见：日期为 {date} 的测试邮件可以正常看到。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="60"/>
        <source>The new mailbox hides older mail from mail programs: a test message dated {date} was stored but could not be seen.</source>
        <translation>新邮箱对邮件客户端隐藏了较早的邮件：日期为 {date} 的测试邮件已存入，却无法看到。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="63"/>
        <source>The new mailbox hides your own folders from mail programs: a test folder was created but does not appear in the folder list.</source>
        <translation>新邮箱对邮件客户端隐藏了您自建的文件夹：测试文件夹已创建，却没有出现在文件夹列表中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="66"/>
        <source>The visibility test could not run in the new mailbox ({detail}).</source>
        <translation>无法在新邮箱中进行可见性测试（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="68"/>
        <source>The test folder {folder} could not be removed from the new mailbox.</source>
        <translation>未能从新邮箱中删除测试文件夹“{folder}”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="70"/>
        <source>The new mailbox would not let mailmover create a folder ({folder}): your folders other than the inbox could not be moved. The server said: {detail}</source>
        <translation>新邮箱不允许 mailmover 创建文件夹（{folder}）：除收件箱以外的文件夹都无法搬迁。服务器的回复：{detail}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="73"/>
        <source>On this server your own folders live under {prefix}; mailmover reads and creates them there (for example {example}).</source>
        <translation>在这台服务器上，您自己的文件夹位于 {prefix} 之下；mailmover 会在那里读取和创建文件夹（例如 {example}）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="79"/>
        <source>Go back to the page of that mailbox and check the address and password.</source>
        <translation>请返回该邮箱的页面，检查邮箱地址和密码。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="82"/>
        <source>Start the move again once a day until it is done: it continues where it stopped and copies nothing twice.</source>
        <translation>每天再次开始迁移，直到完成：会从停下的地方继续，不会重复复制任何邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="85"/>
        <source>Ask the IT office for more space, or untick folders you do not need (for example Deleted or Junk).</source>
        <translation>请联系信息中心扩容，或取消勾选不需要的文件夹（例如“已删除”或“垃圾邮件”）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="88"/>
        <source>Ask the IT office to raise the quota of the new mailbox to at least {suggest}, or untick large folders you do not need (Deleted, Junk). If you start anyway, the move stops when the mailbox is full and can continue later.</source>
        <translation>请联系信息中心将新邮箱容量扩至至少 {suggest}，或取消勾选不需要的大文件夹（如“已删除”“垃圾邮件”）。如果仍然开始，邮箱占满时搬迁会暂停，之后可以继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="92"/>
        <source>Such messages are kept on this computer as .eml files instead. To keep them online, save their attachments to the cloud drive or send them again through the file transfer station.</source>
        <translation>这些邮件将以 .eml 文件保存在本机，不会复制到新邮箱。如需在线保留，请把附件存到网盘，或通过“文件中转站”重新发送。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="96"/>
        <source>In the new webmail open Settings → Client settings (设置 → 客户端设置), set “Receive mail” (收取邮件) to “All” (全部) instead of “last 30 days”, save, then click “Check again”.</source>
        <translation>请在新邮箱网页版中打开“设置 → 客户端设置”，把“收取邮件”由“最近30天”改为“全部”，保存后点击“重新检查”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="100"/>
        <source>In the new webmail open Settings → Client settings (设置 → 客户端设置), tick “Receive my folders” (收取我的文件夹), save, then click “Check again”.</source>
        <translation>请在新邮箱网页版中打开“设置 → 客户端设置”，勾选“收取我的文件夹”，保存后点击“重新检查”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="103"/>
        <source>Make sure this account may create folders over IMAP: the move needs that too.</source>
        <translation>请确认此账号可以通过 IMAP 创建文件夹：搬迁同样需要这项权限。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="106"/>
        <source>Delete the folder {folder} in the webmail; it holds only a test message.</source>
        <translation>请在网页版中删除文件夹“{folder}”，其中只有一封测试邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/finding_texts.py" line="109"/>
        <source>Ask the IT office to allow this mailbox to create folders for mail programs (IMAP). The inbox can still be moved.</source>
        <translation>请联系信息中心，允许这个邮箱通过邮件程序（IMAP）创建文件夹。收件箱仍然可以搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/folder_texts.py" line="11"/>
        <source>Virus quarantine: not moved unless you tick it</source>
        <translation>病毒隔离区：除非勾选，否则不搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/folder_texts.py" line="12"/>
        <source>A view of other folders: moving it would double mail</source>
        <translation>其他文件夹的汇总视图：搬迁会造成邮件重复</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/folder_texts.py" line="15"/>
        <source>Gmail&apos;s spam: not moved unless you tick it</source>
        <translation>Gmail 的垃圾邮件：除非勾选，否则不搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/folder_texts.py" line="16"/>
        <source>Left out by your choice</source>
        <translation>按您的选择不搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/folder_texts.py" line="20"/>
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/folder_texts.py" line="21"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/folder_texts.py" line="22"/>
        <source>Drafts</source>
        <translation>草稿箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/folder_texts.py" line="23"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/folder_texts.py" line="24"/>
        <source>Junk</source>
        <translation>垃圾邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/folder_texts.py" line="25"/>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="334"/>
        <source>&lt;b&gt;How to get a client-specific password in Tencent Exmail:&lt;/b&gt;&lt;ol&gt;&lt;li&gt;Open the new webmail and log in.&lt;/li&gt;&lt;li&gt;Go to &lt;i&gt;Settings → Client settings&lt;/i&gt; (设置 → 客户端设置) and switch on IMAP/SMTP service; tick &lt;i&gt;Fetch my folders&lt;/i&gt; and choose to fetch &lt;i&gt;all&lt;/i&gt; mail, not only the last 30 days.&lt;/li&gt;&lt;li&gt;Go to &lt;i&gt;Settings → Account → Secure login&lt;/i&gt; (账户安全 → 安全登录), switch it on, and choose &lt;i&gt;Generate new password&lt;/i&gt; (生成新密码).&lt;/li&gt;&lt;li&gt;Copy that password into the password field here and press Check again.&lt;/li&gt;&lt;/ol&gt;If IMAP cannot be switched on, your institution&apos;s administrator has to enable it for members: call the help desk.</source>
        <translation>&lt;b&gt;如何获取腾讯企业邮箱的客户端专用密码：&lt;/b&gt;&lt;ol&gt;&lt;li&gt;打开新邮箱网页版并登录。&lt;/li&gt;&lt;li&gt;进入&lt;i&gt;设置 → 客户端设置&lt;/i&gt;，开启 IMAP/SMTP 服务；勾选&lt;i&gt;收取我的文件夹&lt;/i&gt;，收取范围选择&lt;i&gt;全部&lt;/i&gt;，而不是“最近30天”。&lt;/li&gt;&lt;li&gt;进入&lt;i&gt;设置 → 账户 → 账户安全 → 安全登录&lt;/i&gt;，开启后选择&lt;i&gt;生成新密码&lt;/i&gt;。&lt;/li&gt;&lt;li&gt;把生成的密码粘贴到这里的密码框中，再点击“检查登录”。&lt;/li&gt;&lt;/ol&gt;如果无法开启 IMAP，需要由学校的管理员为成员开通：请联系服务台。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/error_texts.py" line="349"/>
        <source>Something unexpected happened ({code}).</source>
        <translation>发生了意外情况（{code}）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/quantities.py" line="13"/>
        <source>about {n} hours</source>
        <translation>约 {n} 小时</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/quantities.py" line="14"/>
        <source>about {n} minutes</source>
        <translation>约 {n} 分钟</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/quantities.py" line="15"/>
        <source>about 1 minute</source>
        <translation>约 1 分钟</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/quantities.py" line="16"/>
        <source>less than a minute</source>
        <translation>不到一分钟</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/quantities.py" line="17"/>
        <source>&lt;1 KB</source>
        <translation>&lt;1 KB</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/quantities.py" line="18"/>
        <source>{value} GB</source>
        <translation>{value} GB</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/quantities.py" line="19"/>
        <source>{value} KB</source>
        <translation>{value} KB</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/quantities.py" line="20"/>
        <source>{value} MB</source>
        <translation>{value} MB</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/people.py" line="12"/>
        <source>Help desk: {contact}</source>
        <translation>服务台：{contact}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/server_answers.py" line="17"/>
        <source>the server did not answer with encryption on this port (the port or the security setting is probably wrong)</source>
        <translation>服务器在这个端口上没有使用加密连接回应（端口或加密方式可能设置错了）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/server_answers.py" line="20"/>
        <source>the server&apos;s security certificate could not be verified</source>
        <translation>无法验证服务器的安全证书</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/server_answers.py" line="22"/>
        <location filename="../../mailmover/gui/messages/server_answers.py" line="24"/>
        <source>the server only offers an old, unsafe kind of encryption</source>
        <translation>服务器只提供一种过时、不安全的加密方式</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/server_answers.py" line="26"/>
        <source>the server and this computer found no kind of encryption in common</source>
        <translation>服务器和这台电脑没有共同支持的加密方式</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/server_answers.py" line="28"/>
        <source>the server closed the connection while it was being secured</source>
        <translation>服务器在建立加密连接时断开了连接</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages/server_answers.py" line="31"/>
        <source>the secure connection could not be set up</source>
        <translation>无法建立安全连接</translation>
    </message>
</context>
<context>
    <name>MovingPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="301"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="302"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="322"/>
        <source>Overall progress</source>
        <translation>总进度</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="325"/>
        <source>{done} of {n} message · {mb} copied of {total_mb}</source>
        <translation>已处理 {done} / {n} 封邮件 · 已复制 {mb} / {total_mb}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="326"/>
        <source>{done} of {n} messages · {mb} copied of {total_mb}</source>
        <translation>已处理 {done} / {n} 封邮件 · 已复制 {mb} / {total_mb}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="333"/>
        <source>{rate} messages a second ({mbs}/s) · {left} left</source>
        <translation>每秒 {rate} 封（{mbs}/秒）· 剩余{left}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="341"/>
        <source>Continuing the move where it stopped: {done} of {n} message had been done before.</source>
        <translation>从上次停下的地方继续搬迁：{n} 封邮件中已有 {done} 封在之前完成。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="343"/>
        <source>Continuing the move where it stopped: {done} of {n} messages had been done before.</source>
        <translation>从上次停下的地方继续搬迁：{n} 封邮件中已有 {done} 封在之前完成。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="364"/>
        <source>Stopping after the messages in flight…</source>
        <translation>正在处理完传输中的邮件后停止……</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="366"/>
        <source>Paused. Nothing is lost; click Resume to go on.</source>
        <translation>已暂停。不会丢失任何内容；点击“继续”即可接着搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="410"/>
        <source>Copying your mail. You can keep working; the window stays responsive.</source>
        <translation>正在复制您的邮件。您可以照常工作，窗口不会卡住。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="370"/>
        <source>All folders are done. Click Next to check the result.</source>
        <translation>所有文件夹均已完成。请点击“下一步”核对结果。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="372"/>
        <source>The move was stopped. What was copied stays copied; click &quot;Continue moving&quot; to go on, or Next to see the result so far.</source>
        <translation>搬迁已停止。已复制的邮件会保留；点击“继续搬迁”接着进行，或点击“下一步”查看目前的结果。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="378"/>
        <source>The move stopped early: {why} Click &quot;Continue moving&quot; when the problem is fixed.</source>
        <translation>搬迁提前停止了：{why} 问题解决后，请点击“继续搬迁”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="382"/>
        <source>The move could not go on: {why}</source>
        <translation>搬迁无法继续：{why}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="391"/>
        <source>The connection to {host} was interrupted. Waiting for the network… ({seconds} s, attempt {n}). Nothing is lost.</source>
        <translation>与 {host} 的连接中断了。正在等待网络恢复…（{seconds} 秒，第 {n} 次尝试）。不会丢失任何邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="396"/>
        <source>No answer from {host} for {seconds} seconds. Waiting for the network… Nothing is lost.</source>
        <translation>{host} 已有 {seconds} 秒没有回应。正在等待网络恢复…不会丢失任何邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="404"/>
        <source>Reading {folder} (1 message) and comparing it with the new mailbox, so nothing is copied twice…</source>
        <translation>正在读取“{folder}”（1 封邮件）并与新邮箱比对，以免重复复制…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="406"/>
        <source>Reading {folder} ({n} messages) and comparing it with the new mailbox, so nothing is copied twice…</source>
        <translation>正在读取“{folder}”（{n} 封邮件）并与新邮箱比对，以免重复复制…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="418"/>
        <source>Moving your mail</source>
        <translation>正在搬迁您的邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="419"/>
        <source>Copying from the old mailbox to the new one.</source>
        <translation>正在从旧邮箱复制到新邮箱。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="421"/>
        <source>Messages already in the new mailbox are not copied again. You can pause, or stop and continue later: mailmover remembers where it was.</source>
        <translation>新邮箱中已有的邮件不会重复复制。您可以暂停，也可以停止后稍后继续：mailmover 会记住进度。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="426"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="427"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="428"/>
        <source>Continue &amp;moving</source>
        <translation>继续搬迁(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="429"/>
        <source>Continue moving</source>
        <translation>继续搬迁</translation>
    </message>
</context>
<context>
    <name>OAuthBox</name>
    <message>
        <location filename="../../mailmover/gui/pages/oauth_box.py" line="173"/>
        <source>Sign in with {provider}…</source>
        <translation>使用 {provider} 登录…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/oauth_box.py" line="176"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/oauth_box.py" line="180"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/oauth_box.py" line="185"/>
        <source>Waiting for you to sign in in the browser window…</source>
        <translation>正在等待您在浏览器窗口中登录…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/oauth_box.py" line="193"/>
        <source>Signed in as {user}.</source>
        <translation>已登录为 {user}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/oauth_box.py" line="195"/>
        <source>This computer has no keychain, so the sign-in lasts only until mailmover is closed.</source>
        <translation>这台电脑没有钥匙串，所以登录只在 mailmover 关闭前有效。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/oauth_box.py" line="201"/>
        <source>This mailbox signs in on its provider&apos;s page in your browser, not with a password here.</source>
        <translation>这个邮箱在浏览器中通过服务商的页面登录，不需要在这里输入密码。</translation>
    </message>
</context>
<context>
    <name>ReportHtml</name>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="31"/>
        <source>Already there</source>
        <translation>原本已有</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="32"/>
        <source>Check</source>
        <translation>需核对</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="33"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="34"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="35"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="36"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="37"/>
        <source>In new mailbox</source>
        <translation>新邮箱中</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="38"/>
        <source>In old mailbox</source>
        <translation>旧邮箱中</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="39"/>
        <source>Messages that could not be moved</source>
        <translation>无法搬迁的邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="40"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="41"/>
        <source>New folder</source>
        <translation>新文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="42"/>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="43"/>
        <source>Not reached</source>
        <translation>未处理</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="44"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="45"/>
        <source>Old folder</source>
        <translation>旧文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="46"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="47"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="48"/>
        <source>Saved as</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="49"/>
        <source>Server answer</source>
        <translation>服务器回复</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="50"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="51"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="52"/>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="53"/>
        <source>mailmover report</source>
        <translation>mailmover 搬迁报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="54"/>
        <source>Mail move report</source>
        <translation>邮件搬迁报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="55"/>
        <source>Old mailbox</source>
        <translation>旧邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="56"/>
        <source>New mailbox</source>
        <translation>新邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="57"/>
        <source>Started at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="58"/>
        <source>Finished at</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="59"/>
        <source>not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="60"/>
        <source>Institution</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="61"/>
        <source>Copies of the failed messages</source>
        <translation>未能搬迁的邮件的副本</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="62"/>
        <source>Not checked</source>
        <translation>未核对</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="84"/>
        <source>The move is not finished: this page records what had been done when it was printed. It does not confirm that the mail was moved.</source>
        <translation>搬迁尚未完成：本页仅记录打印时已完成的内容，并不证明邮件已搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="89"/>
        <source>Not checked: the check of the new mailbox did not finish, so this page does not confirm that the mail was moved.</source>
        <translation>未核对：新邮箱的核对没有完成，因此本页并不证明邮件已搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="94"/>
        <source>Not finished — {n} messages not yet copied.</source>
        <translation>尚未完成 — 还有 {n} 封邮件未复制。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="95"/>
        <source>Not finished — 1 message not yet copied.</source>
        <translation>尚未完成 — 还有 1 封邮件未复制。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="96"/>
        <source>None refused; the move is not finished.</source>
        <translation>没有被拒收的邮件；搬迁尚未完成。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="97"/>
        <source>Everything arrived: all {n} messages of the chosen folders are in the new mailbox.</source>
        <translation>全部到达：所选文件夹的 {n} 封邮件都已在新邮箱中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="101"/>
        <source>Every message is in the new mailbox; some copies differ from the old ones (flags or dates).</source>
        <translation>每封邮件都已在新邮箱中；部分副本与原邮件有差异（标记或日期）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/batch_view.py" line="372"/>
        <location filename="../../mailmover/gui/report_html.py" line="63"/>
        <source>Confirmation</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="64"/>
        <source>Account holder</source>
        <translation>邮箱使用人</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="65"/>
        <source>Help desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="66"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="67"/>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="68"/>
        <source>Printed from mailmover on {when}.</source>
        <translation>由 mailmover 于 {when} 生成。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="69"/>
        <source>Messages: {total} in the old mailbox; {copied} copied, {present} already there, {skipped} skipped, {failed} failed, {pending} not reached.</source>
        <translation>邮件：旧邮箱中共 {total} 封；已复制 {copied} 封，原本已有 {present} 封，跳过 {skipped} 封，失败 {failed} 封，未处理 {pending} 封。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="74"/>
        <source>Each message that could not be moved is kept as an .eml file in this folder on the computer where the move ran:</source>
        <translation>每封未能搬迁的邮件都以 .eml 文件保存在进行搬迁的电脑上的这个文件夹中：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="79"/>
        <source>The mail listed above was moved to the new mailbox as stated; the messages listed as not moved were handed over as files where a file is named.</source>
        <translation>上述邮件已按所列情况搬迁到新邮箱；列为未搬迁的邮件，凡注明文件名的，已以文件形式交付。</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="164"/>
        <source>Checking the new mailbox, folder by folder…</source>
        <translation>正在逐个文件夹核对新邮箱……</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="166"/>
        <source>The check could not finish: {why}</source>
        <translation>核对未能完成：{why}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="175"/>
        <source>Everything arrived. The 1 message of the chosen folders is in the new mailbox.</source>
        <translation>全部到达。所选文件夹中的 1 封邮件已在新邮箱中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="177"/>
        <source>Everything arrived. All {n} messages of the chosen folders are in the new mailbox.</source>
        <translation>全部到达。所选文件夹中的 {n} 封邮件都已在新邮箱中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="158"/>
        <source>Continue &amp;moving</source>
        <translation>继续搬迁(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="110"/>
        <source>Progress of the check</source>
        <translation>核对进度</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="116"/>
        <source>Opening both mailboxes…</source>
        <translation>正在打开两个邮箱…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="118"/>
        <source>Folder {n} of {count}: {folder}</source>
        <translation>第 {n} 个文件夹，共 {count} 个：{folder}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="121"/>
        <source>{left} left</source>
        <translation>剩余{left}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="181"/>
        <source>Not finished yet: 1 message is still missing in the new mailbox. Go on with &quot;{button}&quot;.</source>
        <translation>尚未完成：新邮箱中还缺少 1 封邮件。请点击“{button}”继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="183"/>
        <source>Not finished yet: {n} messages are still missing in the new mailbox. Go on with &quot;{button}&quot;.</source>
        <translation>尚未完成：新邮箱中还缺少 {n} 封邮件。请点击“{button}”继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="187"/>
        <source>Every message is in the new mailbox, but some copies differ from the old ones (flags or dates). The help desk can see the details in the saved report.</source>
        <translation>所有邮件都已在新邮箱中，但有些副本与原邮件不同（标记或日期）。服务台可以在保存的报告中查看详细信息。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="190"/>
        <source>Not everything arrived: {missing} missing, {failed} could not be moved. See the list below, then click &quot;{button}&quot;.</source>
        <translation>并非全部到达：缺少 {missing}，{failed} 封无法搬迁。请查看下面的列表，然后点击“{button}”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="192"/>
        <source>{n} message</source>
        <translation>{n} 封邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="192"/>
        <source>{n} messages</source>
        <translation>{n} 封邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="235"/>
        <location filename="../../mailmover/gui/pages/report.py" line="281"/>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="236"/>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="242"/>
        <source>Save the report as PDF</source>
        <translation>将报告保存为 PDF</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="243"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="252"/>
        <source>Check and report</source>
        <translation>核对与报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="253"/>
        <source>Is every message in the new mailbox?</source>
        <translation>每一封邮件都到新邮箱了吗？</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="255"/>
        <source>mailmover compares both mailboxes folder by folder and lists anything that is missing, with the reason.</source>
        <translation>mailmover 逐个文件夹比较两个邮箱，并列出缺少的邮件及原因。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="267"/>
        <source>Old folder</source>
        <translation>旧文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="267"/>
        <source>In old mailbox</source>
        <translation>旧邮箱中</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="267"/>
        <source>In new mailbox</source>
        <translation>新邮箱中</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="268"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="268"/>
        <source>Already there</source>
        <translation>原本已有</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="268"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="268"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="269"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="270"/>
        <source>Result per folder</source>
        <translation>各文件夹结果</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="272"/>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="272"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="272"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="272"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="273"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="274"/>
        <source>Messages that could not be moved</source>
        <translation>无法搬迁的邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="159"/>
        <source>&amp;Try the failed ones again</source>
        <translation>重试失败的邮件(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="278"/>
        <source>Open the folder of saved messages</source>
        <translation>打开已保存邮件的文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="280"/>
        <source>Save the report…</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="282"/>
        <source>Save as &amp;PDF…</source>
        <translation>保存为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="283"/>
        <source>Save as PDF</source>
        <translation>保存为 PDF</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="286"/>
        <source>A page to print and sign, with every folder and every message that could not be moved.</source>
        <translation>一份可打印并签字的报告，列出每个文件夹和每封未能搬迁的邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="290"/>
        <source>Mail that still arrives in the old mailbox is not lost: run mailmover again later and it copies only what is new.</source>
        <translation>旧邮箱中之后收到的邮件也不会丢失：稍后再运行一次 mailmover，它只会复制新邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="309"/>
        <source>checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="310"/>
        <source>to check</source>
        <translation>待核对</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="313"/>
        <source>not checked</source>
        <translation>未核对</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="317"/>
        <source>✔ complete</source>
        <translation>✔ 完整</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="319"/>
        <source>not reached yet</source>
        <translation>尚未搬到</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="321"/>
        <source>{n} still to copy</source>
        <translation>还有 {n} 封待复制</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="323"/>
        <source>✘ {n} missing</source>
        <translation>✘ 缺少 {n} 封</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="325"/>
        <source>✘ check</source>
        <translation>✘ 需核对</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="344"/>
        <source>The server said: {detail}</source>
        <translation>服务器的回复：{detail}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="348"/>
        <source>Messages that could not be moved: {n}. They are kept on this computer as .eml files.</source>
        <translation>无法搬迁的邮件：{n} 封。它们已以 .eml 文件保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="352"/>
        <source>No message was refused, but 1 message has not been copied yet: the move stopped before it got there.</source>
        <translation>没有被拒收的邮件，但还有 1 封邮件尚未复制：搬迁在复制到它之前停止了。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="354"/>
        <source>No message was refused, but {n} messages have not been copied yet: the move stopped before it got there.</source>
        <translation>没有被拒收的邮件，但还有 {n} 封邮件尚未复制：搬迁在复制到它们之前停止了。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="359"/>
        <source>No message failed.</source>
        <translation>没有失败的邮件。</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <location filename="../../mailmover/gui/steps.py" line="18"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/steps.py" line="19"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/steps.py" line="20"/>
        <source>Choose folders</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/steps.py" line="21"/>
        <source>Move mail</source>
        <translation>搬迁邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/steps.py" line="22"/>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/steps.py" line="23"/>
        <source>Contacts</source>
        <translation>通讯录</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/steps.py" line="24"/>
        <source>Cloud drive</source>
        <translation>网盘</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/steps.py" line="25"/>
        <source>Finished</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="122"/>
        <source>Welcome to mailmover</source>
        <translation>欢迎使用 mailmover</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="123"/>
        <source>Your mail, contacts and files move to the new mailbox.</source>
        <translation>帮您把邮件、联系人和文件搬到新邮箱。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="129"/>
        <source>This assistant moves everything from your old mailbox at {who} to the new one, step by step. Nothing is deleted from the old mailbox.</source>
        <translation>本助手将一步一步地把您在{who}旧邮箱中的内容全部搬到新邮箱。旧邮箱中的内容不会被删除。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="131"/>
        <source>your institution</source>
        <translation>学校</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="135"/>
        <source>&lt;ol&gt;&lt;li&gt;&lt;b&gt;Before you start&lt;/b&gt;, log in once to the new mailbox&apos;s webmail: change the initial password, switch on IMAP (Settings → Client settings, 设置 → 客户端设置), and, if the new mailbox uses them, create a client-specific password for mail programs.&lt;/li&gt;&lt;li&gt;Log in to the new and the old mailbox here.&lt;/li&gt;&lt;li&gt;Choose the folders to move.&lt;/li&gt;&lt;li&gt;mailmover copies the mail and then checks that every message arrived.&lt;/li&gt;&lt;li&gt;Move your contacts and cloud-drive files with its help.&lt;/li&gt;&lt;/ol&gt;Copying takes from a few minutes to a few hours, depending on how much mail you have. You can pause, close the window and continue later: nothing is copied twice.</source>
        <translation>&lt;ol&gt;&lt;li&gt;&lt;b&gt;开始之前&lt;/b&gt;，请先登录一次新邮箱网页版：修改初始密码，开启 IMAP（设置 → 客户端设置），如果新邮箱使用“客户端专用密码”，请生成一个供邮件程序使用。&lt;/li&gt;&lt;li&gt;在这里登录新邮箱和旧邮箱。&lt;/li&gt;&lt;li&gt;选择要搬迁的文件夹。&lt;/li&gt;&lt;li&gt;mailmover 复制邮件，然后核对每封邮件是否都已到达。&lt;/li&gt;&lt;li&gt;在它的帮助下搬迁通讯录和网盘文件。&lt;/li&gt;&lt;/ol&gt;复制需要几分钟到几小时，取决于您的邮件数量。您可以暂停、关闭窗口，稍后继续：不会重复复制任何邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="151"/>
        <source>The old mail system closed on &lt;b&gt;{date}&lt;/b&gt;. Move what can still be reached now; the help desk knows how long it stays open.</source>
        <translation>旧邮件系统已于 &lt;b&gt;{date}&lt;/b&gt; 关闭。请立即搬迁仍能访问的内容；服务台知道它还会开放多久。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="156"/>
        <source>The old mail system closes on &lt;b&gt;{date}&lt;/b&gt;. Finish moving your mail, contacts and files before then.</source>
        <translation>旧邮件系统将于 &lt;b&gt;{date}&lt;/b&gt; 关闭。请在此之前搬完邮件、通讯录和文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="161"/>
        <source>Questions? {helpdesk}</source>
        <translation>有问题？{helpdesk}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="164"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="165"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="166"/>
        <source>An unfinished move</source>
        <translation>未完成的搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="167"/>
        <source>Continue the unfinished move</source>
        <translation>继续未完成的搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="173"/>
        <source>A move from {source} to {target} was not finished: {done} of {n} message is done. You can continue where it stopped.</source>
        <translation>从 {source} 到 {target} 的搬迁尚未完成：{n} 封邮件中已处理 {done} 封。您可以从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="176"/>
        <source>A move from {source} to {target} was not finished: {done} of {n} messages are done. You can continue where it stopped.</source>
        <translation>从 {source} 到 {target} 的搬迁尚未完成：{n} 封邮件中已处理 {done} 封。您可以从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="184"/>
        <source>✓ It will be continued</source>
        <translation>✓ 将继续此次搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="184"/>
        <source>Continue this move</source>
        <translation>继续此次搬迁</translation>
    </message>
</context>
</TS>
