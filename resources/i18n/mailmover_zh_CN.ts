<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="281" />
        <source>Your new mailbox</source>
        <translation>您的新邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="282" />
        <source>Where your mail will go.</source>
        <translation>邮件将搬到这里。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="284" />
        <source>Type the e-mail address and password of your new mailbox. If you received a first password from the university, change it in the new webmail first, then use the new one here.</source>
        <translation>请输入新邮箱的地址和密码。如果您收到的是学校发放的初始密码，请先在新邮箱网页版中修改密码，再在这里填写新密码。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="288" />
        <source>If the new mailbox asks for a client-specific password, mailmover shows you how to get one.</source>
        <translation>如果新邮箱要求使用“客户端专用密码”，mailmover 会告诉您如何获取。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="290" />
        <source>Open the new webmail to change the password</source>
        <translation>打开新邮箱网页版修改密码</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="292" />
        <source>Your old mailbox</source>
        <translation>您的旧邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="293" />
        <source>Where your mail is now.</source>
        <translation>邮件现在所在的地方。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="295" />
        <source>Type the e-mail address and password of your old mailbox. mailmover only reads it: nothing is deleted or changed there.</source>
        <translation>请输入旧邮箱的地址和密码。mailmover 只读取旧邮箱，不会删除或修改其中的任何内容。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="298" />
        <source>Any characters in the password are fine, including spaces, symbols such as ( ) * % " \ { } and Chinese characters.</source>
        <translation>密码中可以包含任何字符，包括空格、( ) * % " \ { } 等符号以及中文。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="300" />
        <source>Open the old webmail</source>
        <translation>打开旧邮箱网页版</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="302" />
        <source>&amp;E-mail address:</source>
        <translation>邮箱地址(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="303" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="304" />
        <source>E-mail address</source>
        <translation>邮箱地址</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="305" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="306" />
        <source>name@example.edu.cn</source>
        <translation>name@example.edu.cn</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="307" />
        <location filename="../../mailmover/gui/pages/account.py" line="308" />
        <source>Show password</source>
        <translation>显示密码</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="309" />
        <location filename="../../mailmover/gui/pages/account.py" line="310" />
        <source>Remember the password on this computer</source>
        <translation>在这台电脑上记住密码</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="311" />
        <source>Server (usually filled in for you)</source>
        <translation>服务器（通常已为您填好）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="312" />
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="313" />
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="314" />
        <source>Se&amp;curity:</source>
        <translation>加密方式(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="315" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="316" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="317" />
        <source>Security</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="318" />
        <source>SSL/TLS (recommended)</source>
        <translation>SSL/TLS（推荐）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="319" />
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="320" />
        <source>None (test servers on this computer only)</source>
        <translation>不加密（仅限本机测试服务器）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="321" />
        <source>Chec&amp;k login</source>
        <translation>检查登录(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="322" />
        <source>Check login</source>
        <translation>检查登录</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="324" />
        <source>This computer has no password keychain, so the password is kept only while mailmover is open.</source>
        <translation>这台电脑没有密码钥匙串，因此密码只在 mailmover 打开期间保存在内存中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="333" />
        <source>Checking the login…</source>
        <translation>正在检查登录……</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="336" />
        <source>Logged in successfully. Click Next to continue.</source>
        <translation>登录成功。请点击“下一步”继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/account.py" line="345" />
        <source>The server said: {detail}</source>
        <translation>服务器的回复：{detail}</translation>
    </message>
</context>
<context>
    <name>CloudPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="65" />
        <source>Folder with the downloaded files</source>
        <translation>存放已下载文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="76" />
        <source>Cloud drive files</source>
        <translation>网盘文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="77" />
        <source>Files in the old cloud drive are not moved automatically.</source>
        <translation>旧网盘中的文件不会自动搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="79" />
        <source>The old cloud drive (网盘) cannot be copied by a program. Download your files into one folder on this computer; mailmover then lists what is there so you can see nothing was forgotten.</source>
        <translation>旧网盘无法由程序自动复制。请把文件下载到这台电脑上的同一个文件夹中，mailmover 会列出其中的内容，方便您确认没有遗漏。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="82" />
        <source>Open the old cloud drive in the browser.</source>
        <translation>在浏览器中打开旧网盘。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="83" />
        <source>Download all files into one folder, then choose that folder here.</source>
        <translation>把所有文件下载到同一个文件夹，然后在这里选择该文件夹。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="85" />
        <source>When everything is downloaded, tick the box.</source>
        <translation>全部下载完成后，请勾选下面的方框。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="86" />
        <source>Open the old cloud drive</source>
        <translation>打开旧网盘</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="87" />
        <source>Choose the &amp;download folder…</source>
        <translation>选择下载文件夹(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="88" />
        <source>I have downloaded all my files</source>
        <translation>我已下载全部文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="97" />
        <source>In {folder}: {count} files, {size} in total.</source>
        <translation>{folder} 中共有 {count} 个文件，合计 {size}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/cloud.py" line="101" />
        <source>No folder chosen yet. You can skip this step.</source>
        <translation>尚未选择文件夹。您也可以跳过这一步。</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="32" />
        <location filename="../../mailmover/gui/pages/contacts.py" line="253" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="33" />
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="34" />
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="35" />
        <source>Middle name</source>
        <translation>中间名</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="36" />
        <source>Title before the name</source>
        <translation>称谓</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="37" />
        <source>Suffix</source>
        <translation>后缀</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="38" />
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="39" />
        <location filename="../../mailmover/gui/pages/contacts.py" line="253" />
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="40" />
        <source>Work e-mail</source>
        <translation>工作邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="41" />
        <source>Home e-mail</source>
        <translation>个人邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="42" />
        <source>Mobile phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="43" />
        <location filename="../../mailmover/gui/pages/contacts.py" line="254" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="44" />
        <source>Work phone</source>
        <translation>办公电话</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="45" />
        <source>Home phone</source>
        <translation>家庭电话</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="46" />
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="47" />
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="48" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="49" />
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="50" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="51" />
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="52" />
        <source>Leave out</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="56" />
        <source>The file was not found.</source>
        <translation>找不到该文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="57" />
        <source>The file could not be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="58" />
        <source>The file is empty.</source>
        <translation>该文件是空的。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="59" />
        <source>This is not an address-book export. Export the contacts as CSV or vCard and choose that file.</source>
        <translation>这不是通讯录导出文件。请将联系人导出为 CSV 或 vCard 格式，再选择该文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="62" />
        <source>The text encoding could not be recognised. Pick one in the list until the names look right.</source>
        <translation>无法识别文本编码。请在列表中选择，直到姓名显示正常为止。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="65" />
        <source>The file cannot be read with this text encoding; pick another.</source>
        <translation>无法用此编码读取该文件，请换一种编码。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="67" />
        <source>No column with e-mail addresses was recognised. Choose "E-mail" for the right column in the table of columns.</source>
        <translation>没有找到邮箱地址所在的列。请在“列”表格中为正确的列选择“电子邮件”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="70" />
        <source>The file holds no contacts.</source>
        <translation>该文件中没有联系人。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="71" />
        <source>The file is damaged (not a valid CSV file).</source>
        <translation>文件已损坏（不是有效的 CSV 文件）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="73" />
        <source>The file ends in the middle of a contact; export it again.</source>
        <translation>文件在某个联系人中间中断了，请重新导出。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="75" />
        <source>The file is damaged (not a valid vCard file).</source>
        <translation>文件已损坏（不是有效的 vCard 文件）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="77" />
        <source>The file changed while it was read; try again.</source>
        <translation>读取过程中文件被修改了，请重试。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="79" />
        <source>The file for import could not be saved there; choose another place.</source>
        <translation>无法在该位置保存导入文件，请换一个位置。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="81" />
        <source>e-mail address looks wrong</source>
        <translation>邮箱地址似乎有误</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="82" />
        <source>no e-mail address</source>
        <translation>没有邮箱地址</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="83" />
        <source>phone number was changed by Excel (e.g. 1.38E+10)</source>
        <translation>电话号码被 Excel 改写了（例如 1.38E+10）</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="168" />
        <source>Choose the exported contacts</source>
        <translation>选择导出的联系人文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="169" />
        <source>Address books (*.csv *.vcf *.txt);;All files (*)</source>
        <translation>通讯录文件 (*.csv *.vcf *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="197" />
        <source>Save the file for import</source>
        <translation>保存导入文件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="198" />
        <source>CSV for the new webmail (*.csv);;vCard (*.vcf)</source>
        <translation>新邮箱可导入的 CSV (*.csv);;vCard (*.vcf)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="230" />
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="231" />
        <source>Your address book goes along too.</source>
        <translation>您的通讯录也一起搬过去。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="233" />
        <source>The mail programs cannot move the address book by themselves. mailmover prepares a file that the new webmail can import.</source>
        <translation>邮件系统本身无法搬迁通讯录。mailmover 会为您准备一个新邮箱可以导入的文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="236" />
        <source>&lt;ol&gt;&lt;li&gt;In the old webmail, open &lt;i&gt;Address book&lt;/i&gt; and choose &lt;i&gt;Export&lt;/i&gt; (CSV or vCard). Save the file.&lt;/li&gt;&lt;li&gt;Choose that file here, or drop it on this page.&lt;/li&gt;&lt;li&gt;Check the preview, then save the file for import.&lt;/li&gt;&lt;li&gt;In the new webmail, open &lt;i&gt;Contacts → Import&lt;/i&gt; (通讯录 → 导入) and choose the saved file.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;ol&gt;&lt;li&gt;在旧邮箱网页版中打开&lt;i&gt;通讯录&lt;/i&gt;，选择&lt;i&gt;导出&lt;/i&gt;（CSV 或 vCard），保存文件。&lt;/li&gt;&lt;li&gt;在这里选择该文件，或直接把文件拖到本页。&lt;/li&gt;&lt;li&gt;检查预览，然后保存导入文件。&lt;/li&gt;&lt;li&gt;在新邮箱网页版中打开&lt;i&gt;通讯录 → 导入&lt;/i&gt;，选择刚保存的文件。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="242" />
        <source>Open the old webmail</source>
        <translation>打开旧邮箱网页版</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="243" />
        <source>Choose the exported &amp;file…</source>
        <translation>选择导出的文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="244" />
        <source>&amp;Save the file for import…</source>
        <translation>保存导入文件(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="245" />
        <source>Open the new webmail to import</source>
        <translation>打开新邮箱网页版导入</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="248" />
        <source>Text &amp;encoding:</source>
        <translation>文本编码(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="249" />
        <source>Text encoding</source>
        <translation>文本编码</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="250" />
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="251" />
        <source>Means</source>
        <translation>含义</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="252" />
        <source>Columns of the file</source>
        <translation>文件的各列</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="254" />
        <source>To check</source>
        <translation>需核对</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="255" />
        <source>First contacts of the file</source>
        <translation>文件中的前几位联系人</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="261" />
        <source>Converting contacts is not available in this version; the help desk can do it for you.</source>
        <translation>此版本无法转换联系人，服务台可以帮您处理。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="264" />
        <source>No file chosen yet. You can also skip this step and come back later.</source>
        <translation>尚未选择文件。您也可以先跳过这一步，稍后再回来。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="269" />
        <source>File: {name} · format: {format}</source>
        <translation>文件：{name} · 格式：{format}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="297" />
        <source>— not recognised —</source>
        <translation>— 未识别 —</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="301" />
        <source>Meaning of column {column}</source>
        <translation>“{column}”列的含义</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="333" />
        <source>Columns not recognised (marked red): {columns}. Choose what they mean, or "Leave out".</source>
        <translation>未识别的列（红色标出）：{columns}。请选择它们的含义，或选“不导入”。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="337" />
        <source>{n} of the first contacts have something to check (last column). They are imported anyway; you can correct them later.</source>
        <translation>前几位联系人中有 {n} 位需要核对（见最后一列）。它们仍会被导入，您可以稍后修改。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/contacts.py" line="344" />
        <source>Saved {written} contacts to {path} ({merged} duplicates merged, {flagged} to check). Now import this file in the new webmail.</source>
        <translation>已将 {written} 位联系人保存到 {path}（合并了 {merged} 个重复项，{flagged} 位需核对）。现在请在新邮箱网页版中导入此文件。</translation>
    </message>
</context>
<context>
    <name>FinishedPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="37" />
        <source>Finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="38" />
        <source>What was done and what is left.</source>
        <translation>已完成的工作和剩余的事项。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="39" />
        <source>Thank you. Here is a summary you can keep.</source>
        <translation>谢谢您的耐心。以下摘要供您留存。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="44" />
        <source>Mail: {copied} messages copied ({size}), {present} were already there.</source>
        <translation>邮件：已复制 {copied} 封（{size}），另有 {present} 封原本已在新邮箱中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="48" />
        <source>{n} messages still need attention: see the report and try again.</source>
        <translation>还有 {n} 封邮件需要处理：请查看报告并重试。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="51" />
        <source>Mail has not been moved yet.</source>
        <translation>邮件尚未搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="53" />
        <source>Contacts: saved for import in {path}.</source>
        <translation>联系人：导入文件已保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="55" />
        <source>Import the contacts file in the new webmail.</source>
        <translation>在新邮箱网页版中导入联系人文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="57" />
        <source>Contacts: not done yet.</source>
        <translation>联系人：尚未完成。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="59" />
        <source>Cloud drive: {count} files ({size}) downloaded.</source>
        <translation>网盘：已下载 {count} 个文件（{size}）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="62" />
        <source>Cloud drive: download your files before the old system closes.</source>
        <translation>网盘：请在旧系统关闭前下载您的文件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="64" />
        <source>Run mailmover once more shortly before the old system closes: it copies only the mail that arrived since.</source>
        <translation>请在旧系统关闭前再运行一次 mailmover：它只会复制此后新收到的邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="66" />
        <source>The report is saved at {path}.</source>
        <translation>报告保存在 {path}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/finished.py" line="76" />
        <location filename="../../mailmover/gui/pages/finished.py" line="77" />
        <source>Open the report</source>
        <translation>打开报告</translation>
    </message>
</context>
<context>
    <name>FoldersPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="157" />
        <source>{folders} folders, {messages} messages, {size} to move. Estimated time: {time}. You can keep working meanwhile.</source>
        <translation>共 {folders} 个文件夹、{messages} 封邮件、{size} 待搬迁。预计用时：{time}。其间您可以照常工作。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="169" />
        <source>Goes to the new mailbox's {role} folder</source>
        <translation>放入新邮箱的“{role}”文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="176" />
        <source>Move folder {folder}</source>
        <translation>搬迁文件夹 {folder}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="180" />
        <source>What to move</source>
        <translation>选择要搬迁的内容</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="181" />
        <source>Your folders in the old mailbox and where each will go.</source>
        <translation>旧邮箱中的文件夹，以及每个文件夹在新邮箱中的位置。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="183" />
        <source>Ticked folders are copied. You can change the name of the folder in the new mailbox by double-clicking it. Quarantine folders (viruses) are left out unless you tick them.</source>
        <translation>勾选的文件夹会被复制。双击新邮箱中的文件夹名称可以修改。病毒隔离文件夹默认不搬迁，除非您勾选它。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="187" />
        <source>Move</source>
        <translation>搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="187" />
        <source>Old folder</source>
        <translation>旧文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="187" />
        <source>Messages</source>
        <translation>邮件数</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="187" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="188" />
        <source>Folder in the new mailbox</source>
        <translation>新邮箱中的文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="188" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="189" />
        <source>Folders to move</source>
        <translation>要搬迁的文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="191" />
        <source>Reading your folders…</source>
        <translation>正在读取您的文件夹……</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/folders.py" line="203" />
        <source>Start moving</source>
        <translation>开始搬迁</translation>
    </message>
</context>
<context>
    <name>HelpDeskView</name>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="102" />
        <source>Save the diagnostic bundle</source>
        <translation>保存诊断包</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="104" />
        <source>Zip archive (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="110" />
        <source>Saved to {path}. It holds no passwords and no message contents.</source>
        <translation>已保存到 {path}。其中不含密码，也不含邮件内容。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="115" />
        <source>mailmover – help-desk view</source>
        <translation>mailmover – 服务台视图</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="116" />
        <source>Servers and their capabilities:</source>
        <translation>服务器及其功能：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="117" />
        <source>Live log (passwords are never shown):</source>
        <translation>实时日志（从不显示密码）：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="118" />
        <source>Server capabilities</source>
        <translation>服务器功能</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="119" />
        <source>Live log</source>
        <translation>实时日志</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="120" />
        <source>Save a diagnostic bundle…</source>
        <translation>保存诊断包…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/helpdesk.py" line="121" />
        <source>Save a diagnostic bundle</source>
        <translation>保存诊断包</translation>
    </message>
</context>
<context>
    <name>MailWizard</name>
    <message>
        <location filename="../../mailmover/gui/app.py" line="93" />
        <source>mailmover – move to the new mailbox</source>
        <translation>mailmover – 搬迁到新邮箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/app.py" line="94" />
        <source>Help-desk view</source>
        <translation>服务台视图</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/app.py" line="99" />
        <source>Technical details for the help desk</source>
        <translation>供服务台查看的技术细节</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/app.py" line="121" />
        <source>Stop moving?</source>
        <translation>停止搬迁？</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/app.py" line="122" />
        <source>Mail is still being copied. Stop and close? Your progress is saved; next time mailmover offers to continue where it stopped.</source>
        <translation>邮件仍在复制中。要停止并关闭吗？进度已保存，下次打开 mailmover 时可以从中断处继续。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="19" />
        <source>The server name {host} could not be found. Check the spelling of the server and that this computer is connected to the network.</source>
        <translation>找不到服务器 {host}。请检查服务器名称是否拼写正确，以及这台电脑是否已联网。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="24" />
        <source>The server {host} did not accept a connection on port {port}. Check the server name and port, or ask the help desk whether the server is running.</source>
        <translation>服务器 {host} 在端口 {port} 上拒绝连接。请检查服务器名称和端口，或向服务台询问服务器是否正常运行。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="29" />
        <source>The server {host} did not answer in time. The network may be slow or a firewall may block it; try again in a moment.</source>
        <translation>服务器 {host} 没有及时响应。可能是网络较慢或被防火墙拦截，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="34" />
        <source>A network problem stopped the connection to {host}.</source>
        <translation>网络问题导致与 {host} 的连接中断。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="37" />
        <source>The security certificate of {host} cannot be trusted, so mailmover did not send your password. Check the server name; if it is right, call the help desk.</source>
        <translation>{host} 的安全证书不可信，因此 mailmover 没有发送您的密码。请检查服务器名称；如果名称无误，请联系服务台。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="42" />
        <source>A secure connection to {host} could not be set up. Check the port and the security setting.</source>
        <translation>无法与 {host} 建立安全连接。请检查端口和加密方式设置。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="47" />
        <source>The server {host} does not offer an encrypted connection on this port. Choose SSL/TLS and port 993.</source>
        <translation>服务器 {host} 在此端口上不提供加密连接。请选择 SSL/TLS 和端口 993。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="52" />
        <source>mailmover will not send your password unencrypted to {host}. Choose SSL/TLS.</source>
        <translation>mailmover 不会以未加密的方式向 {host} 发送您的密码。请选择 SSL/TLS。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="56" />
        <source>The server {host} did not accept this e-mail address and password. Check both and try again; the password is case-sensitive.</source>
        <translation>服务器 {host} 不接受此邮箱地址和密码。请检查后重试；密码区分大小写。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="61" />
        <source>The server {host} wants a client-specific password instead of your normal password.</source>
        <translation>服务器 {host} 要求使用“客户端专用密码”，而不是您平时的登录密码。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="66" />
        <source>IMAP access is switched off for this mailbox on {host}. Switch it on in the webmail settings, or ask the help desk to do it.</source>
        <translation>此邮箱在 {host} 上未开启 IMAP 服务。请在网页版设置中开启，或请服务台帮您开启。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="71" />
        <source>The server {host} blocked the login as unsafe. Log in once in the webmail, then try again; if it keeps happening, call the help desk.</source>
        <translation>服务器 {host} 认为此次登录不安全并予以拦截。请先在网页版登录一次，然后重试；如果仍然如此，请联系服务台。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="76" />
        <source>The server {host} refused the request.</source>
        <translation>服务器 {host} 拒绝了请求。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="77" />
        <source>The connection to {host} was lost.</source>
        <translation>与 {host} 的连接已断开。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="80" />
        <source>The folder {folder} could not be created in the new mailbox.</source>
        <translation>无法在新邮箱中创建文件夹 {folder}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="83" />
        <source>The folder {folder} no longer exists.</source>
        <translation>文件夹 {folder} 已不存在。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="84" />
        <source>The new mailbox is full. Free some space there (or ask the help desk for more), then continue: nothing is copied twice.</source>
        <translation>新邮箱已满。请先腾出空间（或请服务台扩容），然后继续：不会重复复制任何邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="89" />
        <source>This account address is not valid.</source>
        <translation>此账户地址无效。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="90" />
        <source>The saved progress file was damaged and has been set aside. Starting again is safe: nothing is copied twice.</source>
        <translation>保存的进度文件已损坏，已另行保留。重新开始是安全的：不会重复复制任何邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="95" />
        <source>The server {host} asked mailmover to slow down.</source>
        <translation>服务器 {host} 要求 mailmover 放慢速度。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="98" />
        <source>The old server rebuilt the folder {folder}; mailmover checks it again from the start (nothing is copied twice).</source>
        <translation>旧服务器重建了文件夹 {folder}；mailmover 会从头重新核对（不会重复复制）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="106" />
        <source>Too large for the new mailbox</source>
        <translation>邮件过大，新邮箱无法接收</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="107" />
        <source>Refused by the new mailbox</source>
        <translation>被新邮箱拒收</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="108" />
        <source>Deleted from the old mailbox during the move</source>
        <translation>搬迁期间已从旧邮箱中删除</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="111" />
        <source>Larger than the size you chose to move</source>
        <translation>超过您设定的搬迁大小上限</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="117" />
        <source>Virus quarantine: not moved unless you tick it</source>
        <translation>病毒隔离区：除非勾选，否则不搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="118" />
        <source>A view of other folders: moving it would double mail</source>
        <translation>其他文件夹的汇总视图：搬迁会造成邮件重复</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="121" />
        <source>Left out by your choice</source>
        <translation>按您的选择不搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="125" />
        <source>Inbox</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="126" />
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="127" />
        <source>Drafts</source>
        <translation>草稿箱</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="128" />
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="129" />
        <source>Junk</source>
        <translation>垃圾邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="130" />
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="133" />
        <source>&lt;b&gt;How to get a client-specific password in Tencent Exmail:&lt;/b&gt;&lt;ol&gt;&lt;li&gt;Open the new webmail and log in.&lt;/li&gt;&lt;li&gt;Go to &lt;i&gt;Settings → Client settings&lt;/i&gt; (设置 → 客户端设置) and switch on IMAP/SMTP service; tick &lt;i&gt;Fetch my folders&lt;/i&gt; and choose to fetch &lt;i&gt;all&lt;/i&gt; mail, not only the last 30 days.&lt;/li&gt;&lt;li&gt;Go to &lt;i&gt;Settings → Account → Secure login&lt;/i&gt; (账户安全 → 安全登录), switch it on, and choose &lt;i&gt;Generate new password&lt;/i&gt; (生成新密码).&lt;/li&gt;&lt;li&gt;Copy that password into the password field here and press Check again.&lt;/li&gt;&lt;/ol&gt;If IMAP cannot be switched on, your institution's administrator has to enable it for members: call the help desk.</source>
        <translation>&lt;b&gt;如何获取腾讯企业邮箱的客户端专用密码：&lt;/b&gt;&lt;ol&gt;&lt;li&gt;打开新邮箱网页版并登录。&lt;/li&gt;&lt;li&gt;进入&lt;i&gt;设置 → 客户端设置&lt;/i&gt;，开启 IMAP/SMTP 服务；勾选&lt;i&gt;收取我的文件夹&lt;/i&gt;，收取范围选择&lt;i&gt;全部&lt;/i&gt;，而不是“最近30天”。&lt;/li&gt;&lt;li&gt;进入&lt;i&gt;设置 → 账户 → 账户安全 → 安全登录&lt;/i&gt;，开启后选择&lt;i&gt;生成新密码&lt;/i&gt;。&lt;/li&gt;&lt;li&gt;把生成的密码粘贴到这里的密码框中，再点击“检查登录”。&lt;/li&gt;&lt;/ol&gt;如果无法开启 IMAP，需要由学校的管理员为成员开通：请联系服务台。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="149" />
        <source>Something unexpected happened ({code}).</source>
        <translation>发生了意外情况（{code}）。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="150" />
        <source>about {n} hours</source>
        <translation>约 {n} 小时</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="151" />
        <source>about {n} minutes</source>
        <translation>约 {n} 分钟</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="152" />
        <source>less than a minute</source>
        <translation>不到一分钟</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="153" />
        <source>{value} GB</source>
        <translation>{value} GB</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="154" />
        <source>{value} KB</source>
        <translation>{value} KB</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/messages.py" line="155" />
        <source>{value} MB</source>
        <translation>{value} MB</translation>
    </message>
</context>
<context>
    <name>MovingPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="229" />
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="230" />
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="239" />
        <source>Overall progress</source>
        <translation>总进度</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="246" />
        <source>{done} of {total} messages · {mb} copied of {total_mb}</source>
        <translation>已处理 {done} / {total} 封邮件 · 已复制 {mb} / {total_mb}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="251" />
        <source>{rate} messages a second ({mbs}/s) · {left} left</source>
        <translation>每秒 {rate} 封（{mbs}/秒）· 剩余{left}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="273" />
        <source>Stopping after the messages in flight…</source>
        <translation>正在处理完传输中的邮件后停止……</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="275" />
        <source>Paused. Nothing is lost; click Resume to go on.</source>
        <translation>已暂停。不会丢失任何内容；点击“继续”即可接着搬迁。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="279" />
        <source>The connection was interrupted ({why}). Trying again in {seconds} seconds (attempt {n})…</source>
        <translation>连接中断（{why}）。将在 {seconds} 秒后重试（第 {n} 次）……</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="283" />
        <source>Copying your mail. You can keep working; the window stays responsive.</source>
        <translation>正在复制您的邮件。您可以照常工作，窗口不会卡住。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="286" />
        <source>All folders are done. Click Next to check the result.</source>
        <translation>所有文件夹均已完成。请点击“下一步”核对结果。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="288" />
        <source>The move was stopped. What was copied stays copied; click "Continue moving" to go on, or Next to see the result so far.</source>
        <translation>搬迁已停止。已复制的邮件会保留；点击“继续搬迁”接着进行，或点击“下一步”查看目前的结果。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="293" />
        <source>The move stopped early: {why} Continue when the problem is fixed.</source>
        <translation>搬迁提前停止：{why}问题解决后请继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="296" />
        <source>The move could not go on: {why}</source>
        <translation>搬迁无法继续：{why}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="301" />
        <source>Moving your mail</source>
        <translation>正在搬迁您的邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="302" />
        <source>Copying from the old mailbox to the new one.</source>
        <translation>正在从旧邮箱复制到新邮箱。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="304" />
        <source>Messages already in the new mailbox are not copied again. You can pause, or stop and continue later: mailmover remembers where it was.</source>
        <translation>新邮箱中已有的邮件不会重复复制。您可以暂停，也可以停止后稍后继续：mailmover 会记住进度。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="306" />
        <source>Copied:</source>
        <translation>已复制：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="306" />
        <source>Already there:</source>
        <translation>原本已有：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="307" />
        <source>Skipped:</source>
        <translation>已跳过：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="307" />
        <source>Failed:</source>
        <translation>失败：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="311" />
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="311" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="311" />
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="311" />
        <source>Already there</source>
        <translation>原本已有</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="312" />
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="313" />
        <source>Progress per folder</source>
        <translation>各文件夹进度</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="314" />
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="315" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="316" />
        <source>Continue &amp;moving</source>
        <translation>继续搬迁(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/moving.py" line="317" />
        <source>Continue moving</source>
        <translation>继续搬迁</translation>
    </message>
</context>
<context>
    <name>ReportHtml</name>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="19" />
        <source>Already there</source>
        <translation>原本已有</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="20" />
        <source>Check</source>
        <translation>需核对</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="21" />
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="22" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="23" />
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="24" />
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="25" />
        <source>From {source} to {target}, started {when}.</source>
        <translation>从 {source} 到 {target}，开始于 {when}。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="26" />
        <source>In new mailbox</source>
        <translation>新邮箱中</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="27" />
        <source>In old mailbox</source>
        <translation>旧邮箱中</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="28" />
        <source>Messages that could not be moved</source>
        <translation>无法搬迁的邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="29" />
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="30" />
        <source>New folder</source>
        <translation>新文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="31" />
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="32" />
        <source>Not reached</source>
        <translation>未处理</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="33" />
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="34" />
        <source>Old folder</source>
        <translation>旧文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="35" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="36" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="37" />
        <source>Saved as</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="38" />
        <source>Server answer</source>
        <translation>服务器回复</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="39" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="40" />
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="41" />
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="42" />
        <source>mailmover report</source>
        <translation>mailmover 搬迁报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/report_html.py" line="43" />
        <source>Messages: {total} in the old mailbox; {copied} copied, {present} already there, {skipped} skipped, {failed} failed, {pending} not reached.</source>
        <translation>邮件：旧邮箱中共 {total} 封；已复制 {copied} 封，原本已有 {present} 封，跳过 {skipped} 封，失败 {failed} 封，未处理 {pending} 封。</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="109" />
        <source>Checking the new mailbox, folder by folder…</source>
        <translation>正在逐个文件夹核对新邮箱……</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="111" />
        <source>The check could not finish: {why}</source>
        <translation>核对未能完成：{why}</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="118" />
        <source>Everything arrived. All {n} messages of the chosen folders are in the new mailbox.</source>
        <translation>全部到达。所选文件夹中的 {n} 封邮件都已在新邮箱中。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="121" />
        <source>Not finished yet: {missing} messages are still missing in the new mailbox. Go on with "Try again".</source>
        <translation>尚未完成：新邮箱中还缺少 {missing} 封邮件。请点击“重试”继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="123" />
        <source>Almost everything arrived, but {missing} messages are missing and {failed} could not be moved. See the list below.</source>
        <translation>绝大部分邮件已到达，但还缺少 {missing} 封，其中 {failed} 封无法搬迁。详见下方列表。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="143" />
        <location filename="../../mailmover/gui/pages/report.py" line="176" />
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="144" />
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="153" />
        <source>Check and report</source>
        <translation>核对与报告</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="154" />
        <source>Is every message in the new mailbox?</source>
        <translation>每一封邮件都到新邮箱了吗？</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="156" />
        <source>mailmover compares both mailboxes folder by folder and lists anything that is missing, with the reason.</source>
        <translation>mailmover 逐个文件夹比较两个邮箱，并列出缺少的邮件及原因。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="163" />
        <source>Old folder</source>
        <translation>旧文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="163" />
        <source>In old mailbox</source>
        <translation>旧邮箱中</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="163" />
        <source>In new mailbox</source>
        <translation>新邮箱中</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="164" />
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="164" />
        <source>Already there</source>
        <translation>原本已有</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="164" />
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="164" />
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="165" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="166" />
        <source>Result per folder</source>
        <translation>各文件夹结果</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="168" />
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="168" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="168" />
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="168" />
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="169" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="170" />
        <source>Messages that could not be moved</source>
        <translation>无法搬迁的邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="171" />
        <source>&amp;Try the failed ones again</source>
        <translation>重试失败的邮件(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="172" />
        <source>Try the failed ones again</source>
        <translation>重试失败的邮件</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="173" />
        <source>Open the folder of saved messages</source>
        <translation>打开已保存邮件的文件夹</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="175" />
        <source>Save the report…</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="178" />
        <source>Mail that still arrives in the old mailbox is not lost: run mailmover again later and it copies only what is new.</source>
        <translation>旧邮箱中之后收到的邮件也不会丢失：稍后再运行一次 mailmover，它只会复制新邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="192" />
        <source>✔ complete</source>
        <translation>✔ 完整</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="193" />
        <source>✘ {n} missing</source>
        <translation>✘ 缺少 {n} 封</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="194" />
        <source>✘ check</source>
        <translation>✘ 需核对</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="204" />
        <source>Messages that could not be moved: {n}. They are kept on this computer as .eml files.</source>
        <translation>无法搬迁的邮件：{n} 封。它们已以 .eml 文件保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/report.py" line="206" />
        <source>No message failed.</source>
        <translation>没有失败的邮件。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="99" />
        <source>Welcome to mailmover</source>
        <translation>欢迎使用 mailmover</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="100" />
        <source>Your mail, contacts and files move to the new mailbox.</source>
        <translation>帮您把邮件、联系人和文件搬到新邮箱。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="103" />
        <source>This assistant moves everything from your old mailbox at {who} to the new one, step by step. Nothing is deleted from the old mailbox.</source>
        <translation>本助手将一步一步地把您在{who}旧邮箱中的内容全部搬到新邮箱。旧邮箱中的内容不会被删除。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="105" />
        <source>your institution</source>
        <translation>学校</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="109" />
        <source>&lt;ol&gt;&lt;li&gt;Log in to the new and the old mailbox.&lt;/li&gt;&lt;li&gt;Choose the folders to move.&lt;/li&gt;&lt;li&gt;mailmover copies the mail and then checks that every message arrived.&lt;/li&gt;&lt;li&gt;Move your contacts and cloud-drive files with its help.&lt;/li&gt;&lt;/ol&gt;Copying takes from a few minutes to a few hours, depending on how much mail you have. You can pause, close the window and continue later: nothing is copied twice.</source>
        <translation>&lt;ol&gt;&lt;li&gt;登录新邮箱和旧邮箱。&lt;/li&gt;&lt;li&gt;选择要搬迁的文件夹。&lt;/li&gt;&lt;li&gt;mailmover 复制邮件，并核对每一封邮件都已到达。&lt;/li&gt;&lt;li&gt;在它的帮助下搬迁联系人和网盘文件。&lt;/li&gt;&lt;/ol&gt;复制需要几分钟到几小时不等，取决于您的邮件数量。您可以暂停、关闭窗口，稍后再继续：不会重复复制任何邮件。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="118" />
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="119" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="120" />
        <source>An unfinished move</source>
        <translation>未完成的搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="121" />
        <source>Continue the unfinished move</source>
        <translation>继续未完成的搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="126" />
        <source>A move from {source} to {target} was not finished: {done} of {total} messages are done. You can continue where it stopped.</source>
        <translation>从 {source} 到 {target} 的搬迁尚未完成：已处理 {done} / {total} 封邮件。您可以从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="134" />
        <source>✓ It will be continued</source>
        <translation>✓ 将继续此次搬迁</translation>
    </message>
    <message>
        <location filename="../../mailmover/gui/pages/welcome.py" line="134" />
        <source>Continue this move</source>
        <translation>继续此次搬迁</translation>
    </message>
</context>
</TS>