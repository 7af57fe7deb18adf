<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Database schema revision</source>
        <translation>数据库结构版本</translation>
    </message>
    <message>
        <source>{revision} (this program&apos;s: {program})</source>
        <translation>{revision}（本程序：{program}）</translation>
    </message>
    <message>
        <source>unknown (see the log file)</source>
        <translation>未知（详见日志文件）</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>&amp;Copy to clipboard</source>
        <translation>复制到剪贴板(&amp;C)</translation>
    </message>
    <message>
        <source>Copied: paste it into a message, or read it out.</source>
        <translation>已复制：可粘贴到消息中，或照着念给客服。</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Staff and accounts</source>
        <translation>员工与账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>New member of staff…</source>
        <translation>新增员工…</translation>
    </message>
    <message>
        <source>Give an account…</source>
        <translation>开通账号…</translation>
    </message>
    <message>
        <source>New one-time password…</source>
        <translation>重设一次性密码…</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>已离职</translation>
    </message>
    <message>
        <source>No account</source>
        <translation>无账号</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>One-time password</source>
        <translation>一次性密码</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>The one-time password of %1 is %2. Hand it over in person; it must be changed at the first login.</source>
        <translation>%1 的一次性密码是 %2。请当面交给本人；首次登录时必须修改。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The data folder does not let the program write its log file, so the log is kept in {path} for now. Ask whoever looks after this PC to give your account permission to write in the data folder.</source>
        <translation>数据文件夹不允许程序写入日志文件，日志暂时保存在 {path}。请让负责这台电脑的人给您的账户开放数据文件夹的写入权限。</translation>
    </message>
    <message>
        <source>{holder}

Only one program may work on a data folder at a time. You can open it read-only (to look things up and print; nothing can be saved) or quit and use the program that holds it.</source>
        <translation>{holder}

同一数据文件夹同时只能由一个程序使用。您可以以只读方式打开（可查阅、打印，不能保存），或退出，到正在使用它的程序上工作。</translation>
    </message>
    <message>
        <source>Open &amp;read-only</source>
        <translation>以只读方式打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>{holder} The smoke run needs the data folder to itself.</source>
        <translation>{holder} 冒烟检查需要独占数据文件夹。</translation>
    </message>
    <message>
        <source>This window was opened read-only, nothing can be saved in it: {holder}</source>
        <translation>此窗口以只读方式打开，不能保存任何内容：{holder}</translation>
    </message>
    <message>
        <source>crm_desktop</source>
        <translation>crm_desktop</translation>
    </message>
</context>
<context>
    <name>Archive</name>
    <message>
        <source>{date} has not come yet: record a departure once it happened.</source>
        <translation>{date} 还没有到：请在离职之后再登记。</translation>
    </message>
    <message>
        <source>Enter the contact person&apos;s name.</source>
        <translation>请填写联系人姓名。</translation>
    </message>
    <message>
        <source>“{value}” is not an e-mail address.</source>
        <translation>“{value}”不是电子邮件地址。</translation>
    </message>
    <message>
        <source>Enter the date the contact person left.</source>
        <translation>请填写联系人的离职日期。</translation>
    </message>
    <message>
        <source>{name} is already recorded as having left on {date}.</source>
        <translation>{name} 已登记为 {date} 离职。</translation>
    </message>
    <message>
        <source>{name} no longer works here and cannot be made responsible.</source>
        <translation>{name} 已离职，不能担任负责人员。</translation>
    </message>
    <message>
        <source>{name} is already responsible for this customer.</source>
        <translation>{name} 已是该客户的负责人员。</translation>
    </message>
    <message>
        <source>The end ({until}) is before the start ({since}).</source>
        <translation>结束日期（{until}）早于开始日期（{since}）。</translation>
    </message>
    <message>
        <source>{name} is an important or promising customer and should have at least {minimum} responsible staff; it has {count}.</source>
        <translation>{name} 是重要或有潜力客户，至少应有 {minimum} 名负责人员，目前只有 {count} 名。</translation>
    </message>
    <message>
        <source>Choose what kind of change it was.</source>
        <translation>请选择变更类别。</translation>
    </message>
    <message>
        <source>Enter the date of the change.</source>
        <translation>请填写变更日期。</translation>
    </message>
    <message>
        <source>Describe the change.</source>
        <translation>请填写变更内容。</translation>
    </message>
    <message>
        <source>The file {path} cannot be found.</source>
        <translation>找不到文件 {path}。</translation>
    </message>
    <message>
        <source>The contact person cannot be found any more (it may have been removed meanwhile): open the customer archive again.</source>
        <translation>找不到该联系人（可能刚被删除）：请重新打开客户档案。</translation>
    </message>
    <message>
        <source>The responsibility cannot be found any more (it may have been removed meanwhile): open the customer archive again.</source>
        <translation>找不到该负责记录（可能刚被删除）：请重新打开客户档案。</translation>
    </message>
    <message>
        <source>The yearly record cannot be found any more (it may have been removed meanwhile): open the customer archive again.</source>
        <translation>找不到该年度记录（可能刚被删除）：请重新打开客户档案。</translation>
    </message>
    <message>
        <source>The attachment cannot be found any more (it may have been removed meanwhile): open the customer archive again.</source>
        <translation>找不到该附件（可能刚被删除）：请重新打开客户档案。</translation>
    </message>
    <message>
        <source>The file {path} could not be copied: {error}</source>
        <translation>文件 {path} 无法复制：{error}</translation>
    </message>
    <message>
        <source>The stored copy of {name} is missing from the data folder.</source>
        <translation>数据文件夹中缺少 {name} 的存档副本。</translation>
    </message>
    <message>
        <source>The stored copy of {name} has been changed since it was filed.</source>
        <translation>{name} 的存档副本在归档后已被改动。</translation>
    </message>
    <message>
        <source>Enter the year as four digits, e.g. 2026.</source>
        <translation>请以四位数字填写年份，例如 2026。</translation>
    </message>
    <message>
        <source>There is already a record for {year}: change that one.</source>
        <translation>{year} 年已有记录，请修改该记录。</translation>
    </message>
    <message>
        <source>Enter when the contact took place.</source>
        <translation>请填写往来时间。</translation>
    </message>
    <message>
        <source>Choose letter, fax, phone call or visit.</source>
        <translation>请选择信函、传真、电话或拜访。</translation>
    </message>
    <message>
        <source>Choose whether it came from or went to the customer.</source>
        <translation>请选择是客户来函还是我方去函。</translation>
    </message>
    <message>
        <source>Write a short summary of the contact.</source>
        <translation>请填写往来内容摘要。</translation>
    </message>
</context>
<context>
    <name>ArchiveField</name>
    <message>
        <source>Code</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <source>Business scope</source>
        <translation>经营范围</translation>
    </message>
    <message>
        <source>Registered capital</source>
        <translation>注册资本</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>VIP level</source>
        <translation>VIP 等级</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要程度</translation>
    </message>
    <message>
        <source>Responsible staff</source>
        <translation>负责人员</translation>
    </message>
    <message>
        <source>Contact people</source>
        <translation>联系人名单</translation>
    </message>
</context>
<context>
    <name>ArriveDialog</name>
    <message>
        <source>Arrived at</source>
        <translation>到达时间</translation>
    </message>
</context>
<context>
    <name>AssignPage</name>
    <message>
        <source>Who takes over what</source>
        <translation>交接安排</translation>
    </message>
    <message>
        <source>Choose a colleague for every line; open service calls go to a technician.</source>
        <translation>为每一项选定接替人员；未结叫修只能交给技术员。</translation>
    </message>
    <message>
        <source>Give everything to</source>
        <translation>全部交给</translation>
    </message>
    <message>
        <source>Apply to all lines</source>
        <translation>应用到所有项</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Taken over by</source>
        <translation>接替人员</translation>
    </message>
    <message>
        <source>Nothing to hand over: the account is closed and the departure recorded.</source>
        <translation>没有需要交接的事项：将停用其账号并记录离职。</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
</context>
<context>
    <name>AuditAction</name>
    <message>
        <source>Logged in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账号被锁定</translation>
    </message>
    <message>
        <source>Login by someone who has left</source>
        <translation>离职人员尝试登录</translation>
    </message>
    <message>
        <source>Refused: no permission</source>
        <translation>拒绝：无权限</translation>
    </message>
    <message>
        <source>Changed own password</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>Issued a one-time password</source>
        <translation>发放一次性密码</translation>
    </message>
    <message>
        <source>Created an account</source>
        <translation>创建账号</translation>
    </message>
    <message>
        <source>First start: administrator created</source>
        <translation>首次启动：创建系统管理员</translation>
    </message>
    <message>
        <source>Administrator password reset with the recovery code</source>
        <translation>用恢复码重设管理员密码</translation>
    </message>
    <message>
        <source>Wrong recovery code</source>
        <translation>恢复码错误</translation>
    </message>
    <message>
        <source>Opened a customer archive</source>
        <translation>查阅客户档案</translation>
    </message>
    <message>
        <source>Recorded a contract&apos;s renewal notice as sent</source>
        <translation>记录保养到期通知书已寄出</translation>
    </message>
    <message>
        <source>Recorded a contract as renewed</source>
        <translation>记录合同已续约</translation>
    </message>
    <message>
        <source>Recorded a contract as not renewed</source>
        <translation>记录合同未续约</translation>
    </message>
    <message>
        <source>Changed a customer archive</source>
        <translation>修改客户档案</translation>
    </message>
    <message>
        <source>Handed over a leaving employee&apos;s work</source>
        <translation>办理离职员工移交</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Produced a report</source>
        <translation>生成报表</translation>
    </message>
    <message>
        <source>Produced a daily report</source>
        <translation>生成日报表</translation>
    </message>
    <message>
        <source>Produced the monthly technician report</source>
        <translation>生成技术员月报表</translation>
    </message>
    <message>
        <source>Exported a register to Excel</source>
        <translation>导出登记簿到 Excel</translation>
    </message>
    <message>
        <source>Imported customers</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <source>Wrong receipt number presented at voiding</source>
        <translation>作废收据时出示的收据号不符</translation>
    </message>
    <message>
        <source>Viewed the audit log</source>
        <translation>查阅审计日志</translation>
    </message>
    <message>
        <source>Exported the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Checked the audit log&apos;s chain</source>
        <translation>检查了审计日志的链条</translation>
    </message>
    <message>
        <source>Restored the database from a backup</source>
        <translation>从备份恢复了数据库</translation>
    </message>
    <message>
        <source>Set the second folder for backups</source>
        <translation>设置第二备份位置</translation>
    </message>
</context>
<context>
    <name>AuditChain</name>
    <message>
        <source>The audit log is intact: {lines} lines, every link holds.</source>
        <translation>审计日志完整：共 {lines} 条，每一环都衔接无误。</translation>
    </message>
    <message>
        <source>The audit log is empty.</source>
        <translation>审计日志为空。</translation>
    </message>
    <message>
        <source>The audit log was changed outside the program: line {line} (of {at}) no longer links to the line before it. Lines from there on cannot be trusted; compare them with a backup.</source>
        <translation>审计日志在程序之外被改动过：第 {line} 条（{at}）与前一条已衔接不上。从这一条起的记录不可信，请与备份核对。</translation>
    </message>
    <message>
        <source>The audit log was rewritten outside the program: line {line}, as the log file recorded it, is no longer in it. Compare it with a backup.</source>
        <translation>审计日志在程序之外被重写过：日志文件记下的第 {line} 条已不在其中。请与备份核对。</translation>
    </message>
</context>
<context>
    <name>AuditChange</name>
    <message>
        <source>change the customer&apos;s archive fields</source>
        <translation>修改客户档案字段</translation>
    </message>
    <message>
        <source>add a contact person</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>contact person added</source>
        <translation>已添加联系人</translation>
    </message>
    <message>
        <source>correct a contact person</source>
        <translation>更正联系人</translation>
    </message>
    <message>
        <source>contact person corrected</source>
        <translation>已更正联系人</translation>
    </message>
    <message>
        <source>contact person left</source>
        <translation>联系人离职</translation>
    </message>
    <message>
        <source>make someone responsible</source>
        <translation>指定负责人员</translation>
    </message>
    <message>
        <source>responsible staff added</source>
        <translation>已指定负责人员</translation>
    </message>
    <message>
        <source>end a responsibility</source>
        <translation>结束负责</translation>
    </message>
    <message>
        <source>responsibility ended</source>
        <translation>已结束负责</translation>
    </message>
    <message>
        <source>record a major event</source>
        <translation>登记重大变更</translation>
    </message>
    <message>
        <source>major event recorded</source>
        <translation>已登记重大变更</translation>
    </message>
    <message>
        <source>attach a file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>file attached</source>
        <translation>已添加附件</translation>
    </message>
    <message>
        <source>add a yearly record</source>
        <translation>添加年度业绩</translation>
    </message>
    <message>
        <source>yearly record added</source>
        <translation>已添加年度业绩</translation>
    </message>
    <message>
        <source>correct a yearly record</source>
        <translation>更正年度业绩</translation>
    </message>
    <message>
        <source>yearly record corrected</source>
        <translation>已更正年度业绩</translation>
    </message>
    <message>
        <source>log a contact with the customer</source>
        <translation>登记往来记录</translation>
    </message>
    <message>
        <source>contact with the customer logged</source>
        <translation>已登记往来记录</translation>
    </message>
    <message>
        <source>read confidential correspondence</source>
        <translation>查阅机密往来记录</translation>
    </message>
</context>
<context>
    <name>AuditDetail</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Permission</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>To</source>
        <translation>截止日</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>条数</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>After</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Hand-over no.</source>
        <translation>交接编号</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Open calls</source>
        <translation>未结叫修</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Receipt number presented</source>
        <translation>出示的收据号</translation>
    </message>
    <message>
        <source>That receipt&apos;s call</source>
        <translation>该收据所属叫修</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Database set aside</source>
        <translation>另存的原数据库</translation>
    </message>
    <message>
        <source>Records to enter again</source>
        <translation>需重新录入的记录</translation>
    </message>
    <message>
        <source>Audit lines the backup held</source>
        <translation>备份中的审计日志条数</translation>
    </message>
    <message>
        <source>no such login name</source>
        <translation>登录名不存在</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <source>the account was locked</source>
        <translation>账号处于锁定状态</translation>
    </message>
    <message>
        <source>the person has left</source>
        <translation>该人员已离职</translation>
    </message>
    <message>
        <source>{action} (needs the permission to {permission})</source>
        <translation>{action}（需要权限：{permission}）</translation>
    </message>
</context>
<context>
    <name>AuditExport</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>记录号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Period: {start} to {end}</source>
        <translation>期间：{start} 至 {end}</translation>
    </message>
    <message>
        <source>Period: all</source>
        <translation>期间：全部</translation>
    </message>
    <message>
        <source>open</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Person: {name}</source>
        <translation>人员：{name}</translation>
    </message>
    <message>
        <source>Person: everyone</source>
        <translation>人员：全部</translation>
    </message>
    <message>
        <source>Action: {action}</source>
        <translation>操作：{action}</translation>
    </message>
    <message>
        <source>Action: all</source>
        <translation>操作：全部</translation>
    </message>
    <message>
        <source>Text: {text}</source>
        <translation>文字：{text}</translation>
    </message>
    <message>
        <source>{rows} lines</source>
        <translation>共 {rows} 条</translation>
    </message>
    <message>
        <source>Exported {at} by {name}</source>
        <translation>导出：{at}，{name}</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>The period ends ({end}) before it begins ({start}).</source>
        <translation>期间的结束日（{end}）早于开始日（{start}）。</translation>
    </message>
    <message>
        <source>“{value}” is not a date.</source>
        <translation>“{value}”不是日期。</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Search login, customer, colleague, target, detail</source>
        <translation>搜索登录名、客户、同事、对象、详情</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>The lines as filtered, on paper (preview first)</source>
        <translation>按当前筛选的记录打印（先预览）</translation>
    </message>
    <message>
        <source>Check the chain…</source>
        <translation>检查链条…</translation>
    </message>
    <message>
        <source>Check that no line was changed, removed or slipped in outside the program</source>
        <translation>检查是否有记录在程序之外被改动、删除或插入</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>%1 (left)</source>
        <translation>%1（已离职）</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>共 %1 条记录</translation>
    </message>
    <message>
        <source> (%1 loaded; scroll for more)</source>
        <translation>（已载入 %1 条，向下滚动载入更多）</translation>
    </message>
    <message>
        <source>Export the audit log to Excel</source>
        <translation>导出审计日志到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Check the chain</source>
        <translation>检查链条</translation>
    </message>
    <message>
        <source>Checking every line of the audit log…</source>
        <translation>正在逐条检查审计日志…</translation>
    </message>
    <message>
        <source>Exporting %1 lines…</source>
        <translation>正在导出 %1 条记录…</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>已取消导出，未写入任何文件。</translation>
    </message>
    <message>
        <source>Exported %1 lines to %2</source>
        <translation>已导出 %1 条记录到 %2</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditTarget</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户资料</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记簿</translation>
    </message>
    <message>
        <source>Hand-over</source>
        <translation>离职移交</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Service call</source>
        <translation>叫修</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
</context>
<context>
    <name>Auth</name>
    <message>
        <source>Wrong login name or password.</source>
        <translation>登录名或密码不对。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: the account {login} is locked until {until}.</source>
        <translation>密码错误次数太多：账号 {login} 已锁定到 {until}。</translation>
    </message>
    <message>
        <source>The account {login} belongs to someone who has left; it cannot log in.</source>
        <translation>账号 {login} 的主人已离职，不能登录。</translation>
    </message>
    <message>
        <source>A password has at least {length} characters.</source>
        <translation>密码至少要有 {length} 个字符。</translation>
    </message>
    <message>
        <source>Choose a new password, not the one you have.</source>
        <translation>请设一个新密码，不能与原密码相同。</translation>
    </message>
    <message>
        <source>The login name {login} is taken.</source>
        <translation>登录名 {login} 已被使用。</translation>
    </message>
    <message>
        <source>Enter a login name.</source>
        <translation>请填写登录名。</translation>
    </message>
    <message>
        <source>{name} already has an account.</source>
        <translation>{name} 已经有账号了。</translation>
    </message>
    <message>
        <source>{name} ({role}) may not {what}.</source>
        <translation>{name}（{role}）无权{what}。</translation>
    </message>
    <message>
        <source>Log in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <source>This database has no accounts yet: start the program once to create the administrator.</source>
        <translation>这个数据库还没有任何账号：请先启动一次程序，创建管理员账号。</translation>
    </message>
    <message>
        <source>That recovery code is not the one of this database.</source>
        <translation>这个恢复码不是本数据库的恢复码。</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>open customer archives</source>
        <translation>查阅客户档案</translation>
    </message>
    <message>
        <source>change customer archives</source>
        <translation>修改客户档案</translation>
    </message>
    <message>
        <source>read confidential correspondence</source>
        <translation>查阅机密往来记录</translation>
    </message>
    <message>
        <source>print forms</source>
        <translation>打印表单</translation>
    </message>
    <message>
        <source>produce reports</source>
        <translation>生成报表</translation>
    </message>
    <message>
        <source>export registers</source>
        <translation>导出登记簿</translation>
    </message>
    <message>
        <source>import customers</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <source>manage accounts</source>
        <translation>管理账号</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>查阅审计日志</translation>
    </message>
    <message>
        <source>hand over a leaving employee&apos;s customers</source>
        <translation>办理离职员工的客户移交</translation>
    </message>
    <message>
        <source>restore a backup in place of the database</source>
        <translation>用备份恢复数据库</translation>
    </message>
    <message>
        <source>record contract renewals</source>
        <translation>记录合同续约</translation>
    </message>
    <message>
        <source>Enter the name of the new member of staff.</source>
        <translation>请填写新员工的姓名。</translation>
    </message>
    <message>
        <source>There is already a member of staff called {name}.</source>
        <translation>已有名叫 {name} 的员工。</translation>
    </message>
    <message>
        <source>Choose the role of the new member of staff.</source>
        <translation>请选择新员工的角色。</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>Calls</source>
        <translation>叫修</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Repair cards</source>
        <translation>修理卡</translation>
    </message>
    <message>
        <source>Goods entries</source>
        <translation>商品进出</translation>
    </message>
    <message>
        <source>full check</source>
        <translation>完整检查</translation>
    </message>
    <message>
        <source>quick check</source>
        <translation>快速检查</translation>
    </message>
    <message>
        <source>Restore the backup of {when}?

The program closes this window, checks the backup, sets the database in use aside in {aside} (it is never deleted), puts the backup in its place and starts again. Numbers already issued are never issued again; the records made since the backup are listed for you to enter again.</source>
        <translation>要恢复 {when} 的备份吗？

程序将关闭此窗口，检查备份，把正在使用的数据库另存到 {aside}（不会删除），再把备份放回原处并重新启动。已发出的编号不会再次发出；备份之后新建的记录会列出，供您重新录入。</translation>
    </message>
    <message>
        <source>Backups and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore selected…</source>
        <translation>恢复所选备份(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Open the folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Second folder…</source>
        <translation>第二备份位置(&amp;S)…</translation>
    </message>
    <message>
        <source>A USB disk or a share that receives a copy of every backup</source>
        <translation>每份备份都另复制一份到 U 盘或共享文件夹</translation>
    </message>
    <message>
        <source>Only the administrator or the manager may restore a backup or set the second folder.</source>
        <translation>只有系统管理员或经理可以恢复备份或设置第二备份位置。</translation>
    </message>
    <message>
        <source>Backups are kept in %1: every day&apos;s of the last 30 days and the last of each of 12 months. A backup is made every day and when the program closes.</source>
        <translation>备份保存在 %1：保留最近 30 天每天的备份，以及最近 12 个月每月最后一份。程序每天自动备份一次，关闭时也会备份。</translation>
    </message>
    <message>
        <source>Second folder: %1</source>
        <translation>第二备份位置：%1</translation>
    </message>
    <message>
        <source>not set (the administrator may set one)</source>
        <translation>未设置（可由系统管理员设置）</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>未通过：%1</translation>
    </message>
    <message>
        <source>The backup %1 is made and passed its check.</source>
        <translation>备份 %1 已完成，检查通过。</translation>
    </message>
    <message>
        <source>Making and checking a backup…</source>
        <translation>正在备份并检查…</translation>
    </message>
    <message>
        <source>Second folder for backups</source>
        <translation>第二备份位置</translation>
    </message>
    <message>
        <source>Stop copying backups to %1?</source>
        <translation>不再把备份复制到 %1 吗？</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>THE BACKUP FAILED ITS CHECK: the copy made now is damaged (the details are in the log file) and was deleted; the earlier backups are kept. The database itself may be damaged: do not go on working, restore the latest good backup ({latest}) or ask for help.</source>
        <translation>备份未通过检查！刚做的副本已损坏（详情见日志文件），已删除；以前的备份都保留着。数据库本身可能已损坏：请不要继续工作，恢复最近一份完好的备份（{latest}），或请人帮助。</translation>
    </message>
    <message>
        <source>THE DATABASE IS DAMAGED ({reason}). To keep the damage from spreading, nothing can be saved any more. Restore the latest good backup ({latest}) through 文件 → 备份与恢复, or ask for help.</source>
        <translation>数据库已损坏（{reason}）。为防止损坏扩大，现在起不能再保存任何内容。请通过 文件 → 备份与恢复 恢复最近一份完好的备份（{latest}），或请人协助。</translation>
    </message>
    <message>
        <source>a read or write failed with a disk error</source>
        <translation>读写时发生磁盘错误</translation>
    </message>
    <message>
        <source>SQLite found the file damaged while working with it</source>
        <translation>SQLite 在读写时发现文件已损坏</translation>
    </message>
    <message>
        <source>the full check of today&apos;s backup found errors</source>
        <translation>今天备份的完整检查发现了错误</translation>
    </message>
    <message>
        <source>its check after the start found errors; the details are in the log file</source>
        <translation>启动后的检查发现了错误，详情见日志文件</translation>
    </message>
    <message>
        <source>there is no checked backup yet</source>
        <translation>尚无经过检查的备份</translation>
    </message>
    <message>
        <source>Today&apos;s backup is made and checked: {name}.</source>
        <translation>今天的备份已完成并通过检查：{name}。</translation>
    </message>
    <message>
        <source>Making today&apos;s backup in the background…</source>
        <translation>正在后台进行今天的备份…</translation>
    </message>
    <message>
        <source>Backing up before the program closes (Cancel skips it)…</source>
        <translation>程序关闭前正在备份（按“跳过”可不备份）…</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Finishing the database check before the program closes…</source>
        <translation>程序关闭前正在完成数据库检查…</translation>
    </message>
</context>
<context>
    <name>Branch</name>
    <message>
        <source>Enter the branch&apos;s name as the forms print it.</source>
        <translation>请填写本单位名称（表单上打印的名称）。</translation>
    </message>
    <message>
        <source>Enter the branch&apos;s address.</source>
        <translation>请填写本单位地址。</translation>
    </message>
</context>
<context>
    <name>BranchDialog</name>
    <message>
        <source>Branch details</source>
        <translation>本单位信息</translation>
    </message>
    <message>
        <source>Printed at the head of every form: repair cards, receipts, vouchers, registers and reports.</source>
        <translation>打印在每张表单的抬头：修理卡、收据、服务凭证、登记簿和报表。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>e.g. Nanjing branch of …</source>
        <translation>例如：××公司南京分公司</translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <source>Working periods must each end after they start and follow one another: {start}–{end}.</source>
        <translation>每个工作时段的结束时间必须晚于开始时间，且各时段须依次排列：{start}–{end}。</translation>
    </message>
    <message>
        <source>Working weekdays are 0 (Monday) to 6 (Sunday).</source>
        <translation>工作日须为 0（星期一）至 6（星期日）。</translation>
    </message>
    <message>
        <source>Choose at least one working weekday.</source>
        <translation>请至少选择一个工作日。</translation>
    </message>
    <message>
        <source>{day} is not in {year}.</source>
        <translation>{day} 不在 {year} 年内。</translation>
    </message>
    <message>
        <source>{day} cannot be both a day off and a make-up working day.</source>
        <translation>{day} 不能既是放假日又是调休上班日。</translation>
    </message>
    <message>
        <source>A year&apos;s arrangement has at least its days off (New Year&apos;s Day, Spring Festival …).</source>
        <translation>一年的节假日安排至少应包括放假日（元旦、春节……）。</translation>
    </message>
    <message>
        <source>No official holiday arrangement is entered for {years}: deadlines follow the weekly timetable only. Enter the State Council&apos;s arrangement in the settings.</source>
        <translation>尚未录入 {years} 年的法定节假日安排：期限暂按每周作息时间计算。请在设置中录入国务院公布的放假安排。</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <source>Working calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Working weekdays</source>
        <translation>每周工作日（星期）</translation>
    </message>
    <message>
        <source>Working hours (morning, afternoon)</source>
        <translation>作息时间（上午、下午）</translation>
    </message>
    <message>
        <source>Holiday arrangement of</source>
        <translation>节假日安排年份</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Day off or make-up working day</source>
        <translation>放假或调休上班</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>日期列表</translation>
    </message>
    <message>
        <source>e.g. Spring Festival</source>
        <translation>例如：春节</translation>
    </message>
    <message>
        <source>Add these days</source>
        <translation>添加这些日期</translation>
    </message>
    <message>
        <source>From – to</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <source>Add day</source>
        <translation>添加日期</translation>
    </message>
    <message>
        <source>Remove selected day</source>
        <translation>删除所选日期</translation>
    </message>
    <message>
        <source>Recomputing the arrival deadlines of the open calls…</source>
        <translation>正在重新计算待上门叫修的到达期限…</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>放假</translation>
    </message>
    <message>
        <source>Make-up working day</source>
        <translation>调休上班</translation>
    </message>
</context>
<context>
    <name>CallChannel</name>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>来访</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <source>New service call</source>
        <translation>新建叫修</translation>
    </message>
    <message>
        <source>Service call</source>
        <translation>叫修</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Service history</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>叫修时间</translation>
    </message>
    <message>
        <source>Received via</source>
        <translation>叫修方式</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Product model</source>
        <translation>产品型号</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Fault described</source>
        <translation>故障描述</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Service kind</source>
        <translation>服务类别</translation>
    </message>
    <message>
        <source>Reason for the kind</source>
        <translation>服务类别理由</translation>
    </message>
    <message>
        <source>Needed when the kind differs from the proposal</source>
        <translation>所选服务类别与系统建议不同时必须填写</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>登记信息</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>处理流程</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>(no product recorded)</source>
        <translation>（未登记产品）</translation>
    </message>
    <message>
        <source>Proposed: %1</source>
        <translation>建议：%1</translation>
    </message>
    <message>
        <source>Warning: this product already had call %1 on %2, within the last 30 days.</source>
        <translation>注意：该产品在最近 30 天内已叫修过：%2，叫修单号 %1。</translation>
    </message>
    <message>
        <source>Service call %1</source>
        <translation>叫修单 %1</translation>
    </message>
    <message>
        <source>, technician %1</source>
        <translation>，技术员 %1</translation>
    </message>
</context>
<context>
    <name>CallStatus</name>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派工</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>已到达</translation>
    </message>
    <message>
        <source>Completed on site</source>
        <translation>现场完成</translation>
    </message>
    <message>
        <source>Signed by the customer</source>
        <translation>客户已签字</translation>
    </message>
    <message>
        <source>Struck off</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>Taken back</source>
        <translation>已带回</translation>
    </message>
    <message>
        <source>In repair</source>
        <translation>修理中</translation>
    </message>
    <message>
        <source>Repaired, awaiting inspection</source>
        <translation>已修复待检验</translation>
    </message>
    <message>
        <source>Inspected</source>
        <translation>已检验</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已送还</translation>
    </message>
    <message>
        <source>Return signed</source>
        <translation>交还已签字</translation>
    </message>
    <message>
        <source>Receipt voided</source>
        <translation>收据已作废</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Calls</name>
    <message>
        <source>C: within the warranty (until {end})</source>
        <translation>C：保修期内（至 {end}）</translation>
    </message>
    <message>
        <source>B: maintenance contract {contract_no} (until {end})</source>
        <translation>B：保养合同 {contract_no}（至 {end}）</translation>
    </message>
    <message>
        <source>A: warranty ended on {end}, no maintenance contract</source>
        <translation>A：保修期已于 {end} 结束，无保养合同</translation>
    </message>
    <message>
        <source>A: no warranty date, no maintenance contract</source>
        <translation>A：无保修日期，无保养合同</translation>
    </message>
    <message>
        <source>A: no product chosen</source>
        <translation>A：未选择产品</translation>
    </message>
    <message>
        <source>Choose the customer: type part of the name, the phone or a serial number and pick it from the list.</source>
        <translation>请选择客户：输入名称的一部分、电话或机身编号，然后从列表中选取。</translation>
    </message>
    <message>
        <source>Enter the date and time the call was received.</source>
        <translation>请输入接到叫修的日期和时间。</translation>
    </message>
    <message>
        <source>Describe the fault the customer reports.</source>
        <translation>请填写客户反映的故障情况。</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation>请输入客户名称。</translation>
    </message>
    <message>
        <source>Choose how the call came in: by phone, by letter or in person.</source>
        <translation>请选择叫修方式：电话、信函或来访。</translation>
    </message>
    <message>
        <source>Choose whether the customer is in the city (市区) or the suburbs (郊区).</source>
        <translation>请选择客户位于市区还是郊区。</translation>
    </message>
    <message>
        <source>The service kind is A (paid), B (contract) or C (free), not “{value}”.</source>
        <translation>服务类别只能是 A（有费服务）、B（合同服务）或 C（免费服务），不能是“{value}”。</translation>
    </message>
    <message>
        <source>The service call cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该叫修单（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>B: maintenance contract {contract_no} (until {end}); visits used {used} of {included}</source>
        <translation>B：保养合同 {contract_no}（至 {end}），已用 {used} 次，共含 {included} 次</translation>
    </message>
    <message>
        <source>A: maintenance contract {contract_no} has used all {included} visits it includes</source>
        <translation>A：保养合同 {contract_no} 所含的 {included} 次服务已用完</translation>
    </message>
    <message>
        <source>A: maintenance contract {contract_no} lapsed on {end}, not renewed</source>
        <translation>A：保养合同 {contract_no} 已于 {end} 到期，未续约</translation>
    </message>
    <message>
        <source>The customer cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该客户（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>The product cannot be found any more (it may have been removed meanwhile): choose it again.</source>
        <translation>找不到该产品（可能刚被删除）：请重新选择。</translation>
    </message>
    <message>
        <source>The proposed service kind is {proposed}; give the reason for choosing {kind} instead.</source>
        <translation>系统建议的服务类别是 {proposed}；如改选 {kind}，请填写理由。</translation>
    </message>
    <message>
        <source>The technician is assigned by dispatching the call, not by editing it.</source>
        <translation>技术员须通过派工指定，不能直接修改。</translation>
    </message>
    <message>
        <source>The dispatch time is set by dispatching the call, not by editing it.</source>
        <translation>派工时间在派工时记录，不能直接修改。</translation>
    </message>
    <message>
        <source>The service kind is changed by an override with a reason, not by editing it.</source>
        <translation>服务类别须通过“更改服务类别”并填写理由来修改，不能直接修改。</translation>
    </message>
    <message>
        <source>The override reason is given with an override of the service kind.</source>
        <translation>变更理由须在更改服务类别时填写。</translation>
    </message>
    <message>
        <source>The status of a call changes only through the steps of the service process.</source>
        <translation>叫修状态只能随服务流程的各个步骤改变，不能直接修改。</translation>
    </message>
    <message>
        <source>A call number is never changed.</source>
        <translation>叫修单号不能更改。</translation>
    </message>
    <message>
        <source>The product {model} belongs to another customer, not to {name}.</source>
        <translation>产品 {model} 属于其他客户，不属于 {name}。</translation>
    </message>
    <message>
        <source>The call cannot have been received after its first step ({at}).</source>
        <translation>叫修时间不能晚于该叫修的第一个处理步骤（{at}）。</translation>
    </message>
    <message>
        <source>Give the reason for changing the service kind.</source>
        <translation>请填写更改服务类别的理由。</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancelled at</source>
        <translation>取消时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ChangeKindDialog</name>
    <message>
        <source>Change service kind</source>
        <translation>更改服务类别</translation>
    </message>
    <message>
        <source>Service kind</source>
        <translation>服务类别</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change your password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>This password was given to you once; choose your own now (at least 8 characters).</source>
        <translation>这是发给您的一次性密码，请现在设置您自己的密码（至少 8 个字符）。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再输一次新密码</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>crm_desktop: the after-sales service registers of the branch office</source>
        <translation>crm_desktop：分公司售后服务登记簿</translation>
    </message>
    <message>
        <source>data folder (database, backups, log); default: CRM_DESKTOP_DATA_DIR or the user&apos;s application-data folder</source>
        <translation>数据文件夹（数据库、备份、日志）；默认为 CRM_DESKTOP_DATA_DIR 或用户的应用数据文件夹</translation>
    </message>
    <message>
        <source>any SQLAlchemy URL; default: CRM_DATABASE_URL or a SQLite file in the data folder</source>
        <translation>任意 SQLAlchemy 数据库地址；默认为 CRM_DATABASE_URL 或数据文件夹中的 SQLite 文件</translation>
    </message>
    <message>
        <source>with --smoke: also draw a repair card and show it in the print preview</source>
        <translation>与 --smoke 一起使用：另外生成一张修理卡并在打印预览中显示</translation>
    </message>
    <message>
        <source>start the window without waiting for input, open every register, exit 0 if all went well</source>
        <translation>启动窗口但不等待输入，打开每个登记簿，一切正常则以 0 退出</translation>
    </message>
    <message>
        <source>fill a database with realistic demo data</source>
        <translation>向数据库填入逼真的演示数据</translation>
    </message>
    <message>
        <source>number of service calls (default 300)</source>
        <translation>叫修数量（默认 300）</translation>
    </message>
    <message>
        <source>random seed, for repeatable data</source>
        <translation>随机种子，用于生成可重复的数据</translation>
    </message>
    <message>
        <source>print no progress</source>
        <translation>不显示进度</translation>
    </message>
    <message>
        <source>copy the SQLite database into the data folder&apos;s backups/, checked (integrity and row counts) before it is kept</source>
        <translation>把 SQLite 数据库复制到数据文件夹的 backups/ 中，保留前先检查（完整性和行数）</translation>
    </message>
    <message>
        <source>also copy the checked backup to this folder (a USB disk, a share), keeping 30 days and 12 month-ends there; without it, to the second folder set in the window (文件 → 备份与恢复), if any</source>
        <translation>同时把检查过的备份复制到此文件夹（U 盘、共享文件夹），在那里保留 30 天及 12 个月末的备份；不指定时，复制到窗口中（文件 → 备份与恢复）设置的第二备份位置（如有）</translation>
    </message>
    <message>
        <source>put a backup back in place of the database: the backup is checked, the database in use is set aside in backups/replaced/ (never deleted), numbers already issued are never issued again, and the records the backup lacks are listed to be entered again</source>
        <translation>用备份恢复数据库：先检查备份，正在使用的数据库另存到 backups/replaced/（绝不删除），已发出的编号绝不重发，并列出备份中缺少、需要重新录入的记录</translation>
    </message>
    <message>
        <source>the backup file (.sqlite3), e.g. from the data folder&apos;s backups/</source>
        <translation>备份文件（.sqlite3），例如数据文件夹 backups/ 中的</translation>
    </message>
    <message>
        <source>the audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>check that no line of the audit log was changed, removed or slipped in outside the program (exit 0: intact, 7: broken)</source>
        <translation>检查审计日志是否有记录在程序之外被改动、删除或插入（退出码 0：完整；7：已被破坏）</translation>
    </message>
    <message>
        <source>show the version and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
    <message>
        <source>print forms to a PDF file: repair cards, goods receipts, service vouchers by number; registers for a period; daily reports</source>
        <translation>把表单打印成 PDF 文件：按编号打印修理卡、商品领取收据、服务凭证；按期间打印登记簿；日报表</translation>
    </message>
    <message>
        <source>the form: {forms}</source>
        <translation>表单：{forms}</translation>
    </message>
    <message>
        <source>the numbers of the records to print (repair card, receipt or call number)</source>
        <translation>要打印的记录编号（修理卡号、收据号或叫修单号）</translation>
    </message>
    <message>
        <source>the PDF file to write</source>
        <translation>要写入的 PDF 文件</translation>
    </message>
    <message>
        <source>first day of the period (registers)</source>
        <translation>期间的第一天（登记簿）</translation>
    </message>
    <message>
        <source>last day of the period (registers)</source>
        <translation>期间的最后一天（登记簿）</translation>
    </message>
    <message>
        <source>the day (daily reports)</source>
        <translation>日期（日报表）</translation>
    </message>
    <message>
        <source>only this technician&apos;s daily report (default: every technician who worked that day)</source>
        <translation>只打印这位技术员的日报表（默认：当天有工作记录的每位技术员）</translation>
    </message>
    <message>
        <source>the daily reports (PDF or Excel) and the monthly technician report (Excel)</source>
        <translation>日报表（PDF 或 Excel）和月度技术员报表（Excel）</translation>
    </message>
    <message>
        <source>a day&apos;s supervisor report, or one technician&apos;s (S10–S12), as .pdf or .xlsx</source>
        <translation>某一天的服务主任日报表或某位技术员的日报表，保存为 .pdf 或 .xlsx</translation>
    </message>
    <message>
        <source>the monthly technician report as .xlsx</source>
        <translation>月度技术员报表（.xlsx）</translation>
    </message>
    <message>
        <source>the month, e.g. 2026-10</source>
        <translation>月份，例如 2026-10</translation>
    </message>
    <message>
        <source>the file to write; its ending (.pdf or .xlsx) chooses the format</source>
        <translation>要写入的文件；扩展名（.pdf 或 .xlsx）决定格式</translation>
    </message>
    <message>
        <source>customer list: only this category (supplier, distributor, special, end_user)</source>
        <translation>客户一览表：只列此类别的客户（supplier 供应商、distributor 经销商、special 特殊类、end_user 最终用户）</translation>
    </message>
    <message>
        <source>customer list: only this district (urban, suburban)</source>
        <translation>客户一览表：只列此区域的客户（urban 市区、suburban 郊区）</translation>
    </message>
    <message>
        <source>customer list: only this VIP level (0, 1, 2, 3)</source>
        <translation>客户一览表：只列此 VIP 等级的客户（0、1、2、3）</translation>
    </message>
    <message>
        <source>customer list: only this status (prospect, active, inactive)</source>
        <translation>客户一览表：只列此状态的客户（prospect 潜在客户、active 往来中、inactive 停止往来）</translation>
    </message>
    <message>
        <source>customer list: only the customers this member of staff is responsible for</source>
        <translation>客户一览表：只列此员工负责的客户</translation>
    </message>
    <message>
        <source>customer list, contracts, audit log: only the lines this search finds (as in the window&apos;s search box)</source>
        <translation>客户一览表、保养合同、操作日志：只列搜索到的记录（与窗口搜索框相同）</translation>
    </message>
    <message>
        <source>lists: the day they are drawn up for (default: today)</source>
        <translation>各类清单：按哪一天编制（默认今天）</translation>
    </message>
    <message>
        <source>monthly summary: the month, e.g. 2026-10</source>
        <translation>月报汇总：月份，例如 2026-10</translation>
    </message>
    <message>
        <source>--{option} does not apply to the {form}.</source>
        <translation>{form}不使用 --{option} 选项。</translation>
    </message>
    <message>
        <source>the register (service-call, goods-entry, repair-card or customer) or a list (repair-card-register, contracts, renewals-due, short-of-staff, repairs-at-risk, invoices-to-issue, waiting-calls, audit-log, monthly-summary)</source>
        <translation>登记簿（service-call 叫修、goods-entry 商品进出、repair-card 修理卡、customer 客户）或清单（repair-card-register 修理卡登记簿、contracts 保养合同、renewals-due 续约到期、short-of-staff 负责人员不足客户、repairs-at-risk 修理逾期预警、invoices-to-issue 待开发票、waiting-calls 待派工叫修、audit-log 操作日志、monthly-summary 月报汇总）</translation>
    </message>
    <message>
        <source>The customer list is not printed by number; choose its customers with --category, --district, --vip, --status, --staff and --search.</source>
        <translation>客户一览表不按编号打印；请用 --category、--district、--vip、--status、--staff 和 --search 选择客户。</translation>
    </message>
    <message>
        <source>--category, --district, --vip, --status, --staff and --search choose the customers of the customer list; the {form} does not take them.</source>
        <translation>--category、--district、--vip、--status、--staff 和 --search 用于选择客户一览表的客户；{form}不使用这些选项。</translation>
    </message>
    <message>
        <source>import customers and their products from an Excel workbook, all rows or none</source>
        <translation>从 Excel 工作簿导入客户及其产品：要么全部导入，要么一行也不导入</translation>
    </message>
    <message>
        <source>what to import: customers</source>
        <translation>导入什么：customers（客户）</translation>
    </message>
    <message>
        <source>the workbook (.xlsx)</source>
        <translation>工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>check every row and report, write nothing</source>
        <translation>只检查每一行并报告，不写入任何数据</translation>
    </message>
    <message>
        <source>the sheet to read (default: the first with data)</source>
        <translation>要读取的工作表（默认：第一个有数据的工作表）</translation>
    </message>
    <message>
        <source>leave out the rows that look like customers already in the database</source>
        <translation>跳过疑似与已有客户重复的行</translation>
    </message>
    <message>
        <source>import the rows that look like existing customers anyway</source>
        <translation>疑似重复的行也照样导入</translation>
    </message>
    <message>
        <source>export a register to an Excel workbook, as searched and sorted</source>
        <translation>把登记簿按搜索和排序导出为 Excel 工作簿</translation>
    </message>
    <message>
        <source>the workbook to write (.xlsx)</source>
        <translation>要写入的工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>only the rows this search finds (as in the register&apos;s search box)</source>
        <translation>只导出这一搜索找到的行（与登记簿的搜索框相同）</translation>
    </message>
    <message>
        <source>the column to sort by (its name or its header)</source>
        <translation>排序所依据的列（列名或表头）</translation>
    </message>
    <message>
        <source>sort descending</source>
        <translation>降序排列</translation>
    </message>
    <message>
        <source>{file}: {rows} rows</source>
        <translation>{file}：{rows} 行</translation>
    </message>
    <message>
        <source>Write the report to a .pdf or .xlsx file, not {file}.</source>
        <translation>报表只能写入 .pdf 或 .xlsx 文件，不能是 {file}。</translation>
    </message>
    <message>
        <source>The monthly report is a workbook: give a .xlsx file, not {file}.</source>
        <translation>月度报表是 Excel 工作簿：请给出 .xlsx 文件，而不是 {file}。</translation>
    </message>
    <message>
        <source>{file} written</source>
        <translation>已写入 {file}</translation>
    </message>
    <message>
        <source>Give the number of at least one {form} to print.</source>
        <translation>请至少给出一个要打印的{form}编号。</translation>
    </message>
    <message>
        <source>The {form} is printed for a period: give --from and --to.</source>
        <translation>{form}按期间打印：请给出 --from 和 --to。</translation>
    </message>
    <message>
        <source>The {form} is printed for a day: give --date.</source>
        <translation>{form}按日打印：请给出 --date。</translation>
    </message>
    <message>
        <source>The {form} is not printed by number; give the period or day instead.</source>
        <translation>{form}不按编号打印，请给出期间或日期。</translation>
    </message>
    <message>
        <source>{file}: {records} record(s), {pages} page(s)</source>
        <translation>{file}：{records} 份，共 {pages} 页</translation>
    </message>
    <message>
        <source>Warning: the layout&apos;s box {key} is too small, its text was cut on record {record}.</source>
        <translation>警告：版式中的 {key} 框太小，第 {record} 份上的文字被截断。</translation>
    </message>
    <message>
        <source>The backup command copies SQLite files only; use the database server&apos;s own tools.</source>
        <translation>备份命令只能复制 SQLite 文件；其他数据库请使用数据库服务器自带的工具。</translation>
    </message>
    <message>
        <source>act as this user (the password is asked for); for scheduled jobs set CRM_DESKTOP_USER and CRM_DESKTOP_PASSWORD</source>
        <translation>以此用户身份执行（会询问密码）；定时任务请设置 CRM_DESKTOP_USER 和 CRM_DESKTOP_PASSWORD</translation>
    </message>
    <message>
        <source>Say who you are: --user NAME, or CRM_DESKTOP_USER and CRM_DESKTOP_PASSWORD.</source>
        <translation>请说明您是谁：--user 用户名，或设置 CRM_DESKTOP_USER 和 CRM_DESKTOP_PASSWORD。</translation>
    </message>
    <message>
        <source>No password: run the command in a terminal, or set CRM_DESKTOP_PASSWORD.</source>
        <translation>没有密码：请在终端中运行命令，或设置 CRM_DESKTOP_PASSWORD。</translation>
    </message>
    <message>
        <source>The command failed because of an error in the program; nothing was left half done. The details are in the log file {log}: send it to whoever looks after the program.</source>
        <translation>由于程序出错，命令未能完成；没有留下做了一半的东西。详细情况在日志文件 {log} 中：请把它发给负责维护程序的人。</translation>
    </message>
    <message>
        <source>The database stayed busy with another program&apos;s writing, so nothing was written: {holder} Try again when it has finished saving (or close it).</source>
        <translation>数据库一直被另一个程序占用写入，本次未写入任何内容：{holder} 请等它保存完毕（或关闭它）后再试。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist: choose a file in a folder that exists.</source>
        <translation>文件夹 {folder} 不存在：请选择一个已存在的文件夹中的文件。</translation>
    </message>
    <message>
        <source>Checked ({check}: ok). Rows: {counts}.</source>
        <translation>已检查（{check}：正常）。行数：{counts}。</translation>
    </message>
    <message>
        <source>{login} still has a one-time password: log in at the program&apos;s window once and choose a password of your own, then run the command again.</source>
        <translation>{login} 的密码还是一次性密码：请先在程序窗口登录一次，设置自己的密码，然后再运行此命令。</translation>
    </message>
    <message>
        <source>Password for {login}: </source>
        <translation>{login} 的密码：</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Closed at</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>neither collected nor invoiced</source>
        <translation>未收款，也未开票</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
</context>
<context>
    <name>ClosedRecords</name>
    <message>
        <source>Call {number} is {status}: a closed call is kept as it was and cannot be changed.</source>
        <translation>叫修 {number} 目前为“{status}”：已结束的叫修保持原样，不能再修改。</translation>
    </message>
    <message>
        <source>The goods of receipt {number} went back to the customer on {day}: the line is kept as it was and cannot be changed.</source>
        <translation>收据 {number} 的商品已于 {day} 交还客户：该登记保持原样，不能再修改。</translation>
    </message>
    <message>
        <source>Repair card {number} is {status}: it is kept as it was and cannot be changed.</source>
        <translation>修理卡 {number} 目前为“{status}”：保持原样，不能再修改。</translation>
    </message>
</context>
<context>
    <name>CollectFeeDialog</name>
    <message>
        <source>Collected at</source>
        <translation>收款时间</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>not set yet</source>
        <translation>尚未确定</translation>
    </message>
    <message>
        <source>Amount collected</source>
        <translation>实收金额</translation>
    </message>
</context>
<context>
    <name>CompleteOnSiteDialog</name>
    <message>
        <source>Completed at</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Hours on site</source>
        <translation>现场工时</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>Computed fee</source>
        <translation>计算费用</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Amount collected</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <source>the fee charged</source>
        <translation>同收取费用</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <source>The data folder {path} is a file, not a folder: choose a folder (--data-dir or CRM_DESKTOP_DATA_DIR).</source>
        <translation>数据文件夹 {path} 是一个文件，不是文件夹：请指定一个文件夹（--data-dir 或 CRM_DESKTOP_DATA_DIR）。</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <source>Check and hand over</source>
        <translation>核对并交接</translation>
    </message>
    <message>
        <source>One step: everything moves and the account closes, or nothing changes.</source>
        <translation>一步完成：全部交接并停用账号，否则什么都不改变。</translation>
    </message>
    <message>
        <source>Show the notification letters to print (one per customer)</source>
        <translation>显示通知函以便打印（每位客户一封）</translation>
    </message>
    <message>
        <source>%1 leaves; replacements take over on %2.</source>
        <translation>%1 离职；接替人员自 %2 起接手。</translation>
    </message>
    <message>
        <source>To %1:</source>
        <translation>交给 %1：</translation>
    </message>
    <message>
        <source>%1&apos;s account is closed: they can no longer log in.</source>
        <translation>%1 的账号将停用，此后不能再登录。</translation>
    </message>
    <message>
        <source>The hand-over could not be saved; nothing was changed. See the log file.</source>
        <translation>交接未能保存，没有任何改动。详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>ConsentChannel</name>
    <message>
        <source>By phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <source>By letter</source>
        <translation>信函</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Answered at</source>
        <translation>答复时间</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>no quote yet</source>
        <translation>尚未报价</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>答复人</translation>
    </message>
    <message>
        <source>How</source>
        <translation>答复方式</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>New contact person</source>
        <translation>新增联系人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>离职日期</translation>
    </message>
    <message>
        <source>Empty while the person still works at the customer</source>
        <translation>仍在客户处任职时留空</translation>
    </message>
    <message>
        <source>Contact person %1</source>
        <translation>联系人 %1</translation>
    </message>
</context>
<context>
    <name>ContactLeftDialog</name>
    <message>
        <source>Contact person left</source>
        <translation>联系人离职</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>离职日期</translation>
    </message>
    <message>
        <source>The person stays in the list, greyed. Add the person who takes over as a new contact, so that the customer keeps someone to talk to.</source>
        <translation>该联系人仍留在名单中，以灰色显示。请把接替的人添加为新的联系人，使客户始终有人对接。</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <source>New maintenance contract</source>
        <translation>新建保养合同</translation>
    </message>
    <message>
        <source>Maintenance contract</source>
        <translation>保养合同</translation>
    </message>
    <message>
        <source>No customer chosen yet</source>
        <translation>尚未选择客户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Products covered</source>
        <translation>保养商品</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Fee (yuan)</source>
        <translation>合同费用（元）</translation>
    </message>
    <message>
        <source>as many as needed</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>The service visits the fee includes; a call beyond them is proposed as paid (A)</source>
        <translation>合同金额所含的服务次数；用完后的叫修建议为有费服务（A）</translation>
    </message>
    <message>
        <source>Visits included</source>
        <translation>所含服务次数</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Who looks after the contract and its renewal; handed over when they leave</source>
        <translation>负责本合同及续约的人员；其离职时一并交接</translation>
    </message>
    <message>
        <source>Looked after by</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source> (contract %1 until %2)</source>
        <translation>（合同 %1，至 %2）</translation>
    </message>
    <message>
        <source>This customer has no products on file: add them in the customer archive.</source>
        <translation>该客户没有登记商品：请先在客户档案中添加。</translation>
    </message>
    <message>
        <source>serial no. %1</source>
        <translation>序列号 %1</translation>
    </message>
    <message>
        <source>warranty until %1</source>
        <translation>保修至 %1</translation>
    </message>
    <message>
        <source>Maintenance contract %1</source>
        <translation>保养合同 %1</translation>
    </message>
    <message>
        <source>Visits used so far: %1</source>
        <translation>已用 %1 次</translation>
    </message>
</context>
<context>
    <name>ContractListModel</name>
    <message>
        <source>Contract no.</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Products covered</source>
        <translation>保养商品</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Fee (yuan)</source>
        <translation>费用（元）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Looked after by</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Visits used</source>
        <translation>已用次数</translation>
    </message>
    <message>
        <source>Not started yet</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Ends within a month</source>
        <translation>一个月内到期</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已到期</translation>
    </message>
    <message>
        <source>Service calls of kind B on its products during the contract, of the visits its fee includes (— : as many as needed)</source>
        <translation>合同期内其保养商品的 B 类叫修次数 / 合同所含服务次数（—：不限）</translation>
    </message>
</context>
<context>
    <name>Contracts</name>
    <message>
        <source>The maintenance contract cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该保养合同（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>The customer cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该客户（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>{name} no longer works here and cannot look after a contract.</source>
        <translation>{name} 已离职，不能负责合同。</translation>
    </message>
    <message>
        <source>Enter the day the contract starts.</source>
        <translation>请输入合同开始日期。</translation>
    </message>
    <message>
        <source>Enter the day the contract ends.</source>
        <translation>请输入合同结束日期。</translation>
    </message>
    <message>
        <source>The contract ends ({end}) before it starts ({start}).</source>
        <translation>合同结束日期（{end}）早于开始日期（{start}）。</translation>
    </message>
    <message>
        <source>Enter the contract fee.</source>
        <translation>请输入合同费用。</translation>
    </message>
    <message>
        <source>Choose the products the contract covers.</source>
        <translation>请选择合同所保养的产品。</translation>
    </message>
    <message>
        <source>A product chosen cannot be found any more (it may have been removed meanwhile): choose the products again.</source>
        <translation>所选的某件产品已找不到（可能刚被删除）：请重新选择产品。</translation>
    </message>
    <message>
        <source>The product {model} is not one of this customer&apos;s products.</source>
        <translation>产品 {model} 不是该客户的产品。</translation>
    </message>
    <message>
        <source>The visits included are a whole number, 1 or more (or leave it empty: as many as needed), not “{value}”.</source>
        <translation>所含服务次数须为 1 以上的整数（留空表示不限），不能是“{value}”。</translation>
    </message>
    <message>
        <source>Choose the customer the contract is made with.</source>
        <translation>请选择签订合同的客户。</translation>
    </message>
</context>
<context>
    <name>ContractsDialog</name>
    <message>
        <source>Maintenance contracts</source>
        <translation>保养合同</translation>
    </message>
    <message>
        <source>Search by contract number, customer or product</source>
        <translation>按合同编号、客户或商品查找</translation>
    </message>
    <message>
        <source>New contract…</source>
        <translation>新建合同…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Print renewals &amp;due…</source>
        <translation>打印续约到期表(&amp;D)…</translation>
    </message>
    <message>
        <source>Export renewals d&amp;ue…</source>
        <translation>导出续约到期表(&amp;U)…</translation>
    </message>
    <message>
        <source>The contracts ending within a month, whose renewal notice is due (S15)</source>
        <translation>一个月内到期、应寄发保养到期通知书的合同</translation>
    </message>
    <message>
        <source>%1 of %2 contracts; %3 end within a month</source>
        <translation>显示 %1 / 共 %2 份合同；%3 份一个月内到期</translation>
    </message>
</context>
<context>
    <name>CorrespondenceDialog</name>
    <message>
        <source>Log a contact with the customer</source>
        <translation>登记往来记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>往/来</translation>
    </message>
    <message>
        <source>Our staff</source>
        <translation>我方人员</translation>
    </message>
    <message>
        <source>Who at the customer</source>
        <translation>客户方的联系人</translation>
    </message>
    <message>
        <source>Counterpart</source>
        <translation>对方人员</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Only who may read confidential correspondence sees this entry</source>
        <translation>只有有权查阅机密往来记录的人员才能看到这条记录</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>机密</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Files that came or went with it</source>
        <translation>随本次往来的文件</translation>
    </message>
</context>
<context>
    <name>CorrespondenceKind</name>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>CustomerArchiveWindow</name>
    <message>
        <source>Customer archive: %1</source>
        <translation>客户档案：%1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>机号</translation>
    </message>
    <message>
        <source>Purchased</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <source>Warranty end</source>
        <translation>保修截止</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Choose a line in the list first.</source>
        <translation>请先在列表中选中一行。</translation>
    </message>
    <message>
        <source>Add contact…</source>
        <translation>添加联系人…</translation>
    </message>
    <message>
        <source>Edit contact…</source>
        <translation>修改联系人…</translation>
    </message>
    <message>
        <source>Contact left…</source>
        <translation>联系人离职…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售额</translation>
    </message>
    <message>
        <source>Receivables</source>
        <translation>应收账款</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>File</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Yearly records</source>
        <translation>年度业绩</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>离职日期</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Make responsible</source>
        <translation>指定为负责人</translation>
    </message>
    <message>
        <source>End responsibility</source>
        <translation>结束负责</translation>
    </message>
    <message>
        <source>Responsible staff</source>
        <translation>负责人员</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Dealings</source>
        <translation>业务往来</translation>
    </message>
    <message>
        <source>%1 dealings</source>
        <translation>共 %1 项业务往来</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Add event</source>
        <translation>添加大事</translation>
    </message>
    <message>
        <source>Major events</source>
        <translation>大事记</translation>
    </message>
    <message>
        <source>Add yearly record…</source>
        <translation>添加年度业绩…</translation>
    </message>
    <message>
        <source>Edit yearly record…</source>
        <translation>修改年度业绩…</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>往/来</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Log a contact…</source>
        <translation>登记往来…</translation>
    </message>
    <message>
        <source>Open attachment</source>
        <translation>打开附件</translation>
    </message>
    <message>
        <source>Correspondence</source>
        <translation>往来记录</translation>
    </message>
    <message>
        <source> (undo)</source>
        <translation>（撤销）</translation>
    </message>
    <message>
        <source>Left the customer on %1</source>
        <translation>已于 %1 离职</translation>
    </message>
</context>
<context>
    <name>CustomerCategory</name>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Distributor</source>
        <translation>经销商</translation>
    </message>
    <message>
        <source>Special (advisers, banks, insurers)</source>
        <translation>特殊类（顾问、银行、保险等）</translation>
    </message>
    <message>
        <source>End user</source>
        <translation>最终用户</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Given by the category&apos;s rule when left empty</source>
        <translation>留空则按类别规则自动编号</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>VIP level</source>
        <translation>VIP 等级</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要程度</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Business scope</source>
        <translation>经营范围</translation>
    </message>
    <message>
        <source>Registered capital (yuan)</source>
        <translation>注册资本（元）</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Purchased</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <source>Warranty end</source>
        <translation>保修截止</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>purchased</source>
        <translation>购买于</translation>
    </message>
    <message>
        <source>warranty to</source>
        <translation>保修至</translation>
    </message>
    <message>
        <source>Add a product</source>
        <translation>新增产品</translation>
    </message>
    <message>
        <source>Add product</source>
        <translation>添加产品</translation>
    </message>
    <message>
        <source>Type the product model first.</source>
        <translation>请先输入产品型号。</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>客户 %1</translation>
    </message>
    <message>
        <source>Responsible staff</source>
        <translation>负责人员</translation>
    </message>
</context>
<context>
    <name>CustomerFinder</name>
    <message>
        <source>Type part of a name, its initials (zw), a phone number or a serial number</source>
        <translation>输入名称的一部分、拼音首字母（如 zw）、电话号码或序列号</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <source>%1 — %2, serial no. %3</source>
        <translation>%1 — %2，序列号 %3</translation>
    </message>
    <message>
        <source>No customer found: use &quot;New customer…&quot;</source>
        <translation>未找到客户：请使用“新建客户…”</translation>
    </message>
</context>
<context>
    <name>CustomerImport</name>
    <message>
        <source>The import was cancelled: nothing was imported.</source>
        <translation>导入已取消：没有导入任何数据。</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <source>Business scope</source>
        <translation>经营范围</translation>
    </message>
    <message>
        <source>Registered capital (yuan)</source>
        <translation>注册资金（元）</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Product model</source>
        <translation>产品型号</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Purchase date</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <source>Warranty end</source>
        <translation>保修期至</translation>
    </message>
    <message>
        <source>The file {file} does not exist.</source>
        <translation>文件 {file} 不存在。</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: {reason}</source>
        <translation>无法读取文件 {file}：{reason}</translation>
    </message>
    <message>
        <source>{file} is an old Excel 97-2003 workbook (.xls), which cannot be imported. Open it in Excel or WPS, save it as an Excel workbook (.xlsx) and import that file.</source>
        <translation>{file} 是旧版 Excel 97-2003 工作簿（.xls），无法导入。请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”，再导入新文件。</translation>
    </message>
    <message>
        <source>{file} is protected by a password (encrypted) and cannot be read. Open it in Excel, remove the password (File &gt; Info &gt; Protect Workbook &gt; Encrypt with Password, clear it), save it and import it again.</source>
        <translation>{file} 设有打开密码（已加密），无法读取。请在 Excel 中打开，取消密码（文件 &gt; 信息 &gt; 保护工作簿 &gt; 用密码进行加密，清空密码）并保存，然后重新导入。</translation>
    </message>
    <message>
        <source>{file} is either protected by a password (encrypted) or an old Excel 97-2003 workbook (.xls). Open it in Excel, remove any password and save it as an Excel workbook (.xlsx), then import that file.</source>
        <translation>{file} 设有打开密码（已加密）或是旧版 Excel 97-2003 工作簿（.xls）。请在 Excel 中打开，取消密码并另存为“Excel 工作簿（.xlsx）”，再导入新文件。</translation>
    </message>
    <message>
        <source>{file} is a text or CSV file, not an Excel workbook. Open it in Excel or WPS, save it as an Excel workbook (.xlsx) and import that file.</source>
        <translation>{file} 是文本或 CSV 文件，不是 Excel 工作簿。请用 Excel 或 WPS 打开，另存为“Excel 工作簿（.xlsx）”，再导入新文件。</translation>
    </message>
    <message>
        <source>{file} is not an Excel workbook (.xlsx), or it is damaged. Save the sheet as an Excel workbook (.xlsx) and import that file.</source>
        <translation>{file} 不是 Excel 工作簿（.xlsx），或者文件已损坏。请将表格另存为“Excel 工作簿（.xlsx）”，再导入新文件。</translation>
    </message>
    <message>
        <source>The workbook {file} holds no data: every sheet is empty.</source>
        <translation>工作簿 {file} 没有数据：所有工作表都是空的。</translation>
    </message>
    <message>
        <source>The workbook has no sheet named “{sheet}”. Its sheets: {sheets}.</source>
        <translation>工作簿中没有名为“{sheet}”的工作表。现有的工作表：{sheets}。</translation>
    </message>
    <message>
        <source>The sheet “{sheet}” is empty.</source>
        <translation>工作表“{sheet}”是空的。</translation>
    </message>
    <message>
        <source>The sheet “{sheet}” has no header row: its first row with data (row {row}) holds no column names. Put the column names (客户名称, 电话 …) in the row above the data.</source>
        <translation>工作表“{sheet}”没有表头：第一个有数据的行（第 {row} 行）里没有列名。请在数据上方的一行填写列名（客户名称、电话……）。</translation>
    </message>
    <message>
        <source>The sheet “{sheet}” has a header row (row {row}) but no data rows below it.</source>
        <translation>工作表“{sheet}”只有表头（第 {row} 行），下面没有数据行。</translation>
    </message>
    <message>
        <source>The header row (row {row}) of the sheet “{sheet}” has merged cells: {cells}. Unmerge them so that each column has its own name in one row, then import again.</source>
        <translation>工作表“{sheet}”的表头（第 {row} 行）有合并单元格：{cells}。请取消合并，使每一列在同一行里有自己的列名，然后重新导入。</translation>
    </message>
    <message>
        <source>Choose the column that holds the customer&apos;s name.</source>
        <translation>请选择客户名称所在的列。</translation>
    </message>
    <message>
        <source>No column of the header row (row {row}) is named like the customer&apos;s name (客户名称, 单位名称, 名称 …). The columns found: {headers}.</source>
        <translation>表头（第 {row} 行）中没有像客户名称的列（客户名称、单位名称、名称……）。找到的列：{headers}。</translation>
    </message>
    <message>
        <source>Product columns are chosen but no product model: choose the column of the product model, or none of the product columns.</source>
        <translation>已选择产品的列，但没有选择产品型号：请选择产品型号所在的列，或者不导入任何产品列。</translation>
    </message>
    <message>
        <source>Column {column} is chosen for both “{first}” and “{second}”.</source>
        <translation>{column} 列同时被选作“{first}”和“{second}”。</translation>
    </message>
    <message>
        <source>The sheet has no column {column} for “{what}”.</source>
        <translation>表格中没有第 {column} 列可作“{what}”。</translation>
    </message>
    <message>
        <source>Row {row}, column {column} ({field}): {reason}</source>
        <translation>第 {row} 行 {column} 列（{field}）：{reason}</translation>
    </message>
    <message>
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行：{reason}</translation>
    </message>
    <message>
        <source>the cell is a formula; copy the column and paste it back as values (Paste Special &gt; Values), then import again.</source>
        <translation>该单元格为公式，请复制该列并“选择性粘贴 &gt; 数值”，粘贴为数值后重新导入。</translation>
    </message>
    <message>
        <source>the cell is a formula whose result was never computed; open the file in Excel and save it, or paste the column as values, then import again.</source>
        <translation>该单元格为公式，但从未计算出结果；请在 Excel 中打开并保存文件，或将该列粘贴为数值，然后重新导入。</translation>
    </message>
    <message>
        <source>the cell holds {length} characters, more than the {max} this field takes. Nothing is cut: shorten it in the sheet and import again.</source>
        <translation>该单元格有 {length} 个字符，超过此项允许的 {max} 个字符。程序不会截断内容：请在表格中缩短后重新导入。</translation>
    </message>
    <message>
        <source>the customer&apos;s name is empty.</source>
        <translation>客户名称为空。</translation>
    </message>
    <message>
        <source>the row has product details but no product model.</source>
        <translation>该行填写了产品信息，但没有产品型号。</translation>
    </message>
    <message>
        <source>“{value}” is not a customer category: write 供应商, 经销商, 特殊 or 最终用户 (empty: 最终用户).</source>
        <translation>“{value}”不是客户类别：请填写 供应商、经销商、特殊 或 最终用户（留空即为最终用户）。</translation>
    </message>
    <message>
        <source>“{value}” is not a district: write 市区 or 郊区 (empty: 市区).</source>
        <translation>“{value}”不是区域：请填写 市区 或 郊区（留空即为市区）。</translation>
    </message>
    <message>
        <source>{value} is not a date: write it as 2026-11-28.</source>
        <translation>{value} 不是日期：请写成 2026-11-28。</translation>
    </message>
    <message>
        <source>“{value}” is not a date: write it as 2026-11-28, 2026/11/28 or 2026年11月28日.</source>
        <translation>“{value}”不是日期：请写成 2026-11-28、2026/11/28 或 2026年11月28日。</translation>
    </message>
    <message>
        <source>the warranty end ({warranty_end}) is before the purchase date ({purchase_date}).</source>
        <translation>保修截止日期（{warranty_end}）早于购买日期（{purchase_date}）。</translation>
    </message>
    <message>
        <source>same customer as row {other} (same name and phone) but another {what}: “{value}” here, “{other_value}” there.</source>
        <translation>与第 {other} 行是同一客户（名称和电话相同），但{what}不同：本行为“{value}”，第 {other} 行为“{other_value}”。</translation>
    </message>
    <message>
        <source>the customer code {code} is already used by the customer {name}.</source>
        <translation>客户编号 {code} 已被客户 {name} 使用。</translation>
    </message>
    <message>
        <source>the customer code {code} is also given to another customer in row {other}.</source>
        <translation>客户编号 {code} 已在第 {other} 行给了另一个客户。</translation>
    </message>
    <message>
        <source>same name as the existing customer {name} (customer code {code}, phone {phone})</source>
        <translation>与现有客户 {name}（客户代码 {code}，电话 {phone}）同名</translation>
    </message>
    <message>
        <source>same phone as the existing customer {name} (customer code {code}, phone {phone})</source>
        <translation>与现有客户 {name}（客户代码 {code}，电话 {phone}）电话相同</translation>
    </message>
    <message>
        <source>same name and phone as the existing customer {name} (customer code {code})</source>
        <translation>与现有客户 {name}（客户代码 {code}）名称和电话都相同</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>same name as row {other}, another phone ({phone})</source>
        <translation>与第 {other} 行同名，但电话不同（{phone}）</translation>
    </message>
    <message>
        <source>same phone as row {other} ({name})</source>
        <translation>与第 {other} 行（{name}）电话相同</translation>
    </message>
    <message>
        <source>Row {rows}: {name} {phone}: {reasons}</source>
        <translation>第 {rows} 行 {name} {phone}：{reasons}</translation>
    </message>
    <message>
        <source>no phone</source>
        <translation>无电话</translation>
    </message>
    <message>
        <source>Nothing was imported: {bad} of {rows} rows have problems. Correct them in the sheet and check it again.</source>
        <translation>未导入任何数据：{rows} 行中有 {bad} 行有问题。请在表格中改正后重新检查。</translation>
    </message>
    <message>
        <source>Nothing was imported: {customers} customers look like duplicates (listed above). Run the command again with --skip-duplicates to leave them out, or with --import-duplicates to import them anyway.</source>
        <translation>未导入任何数据：有 {customers} 个客户疑似重复（见上文）。请加上 --skip-duplicates 重新运行以跳过这些客户，或加上 --import-duplicates 仍然导入。</translation>
    </message>
    <message>
        <source>{customers} customers of the file look like duplicates: choose whether to skip them or to import them anyway.</source>
        <translation>文件中有 {customers} 个客户疑似重复：请选择跳过这些客户，还是仍然导入。</translation>
    </message>
    <message>
        <source>There is nothing to import: every customer of the file was skipped as a likely duplicate.</source>
        <translation>没有可导入的内容：文件中的客户都作为疑似重复被跳过了。</translation>
    </message>
    <message>
        <source>The customer list changed since the file was checked (for example {name} was added). Nothing was imported: check the file again.</source>
        <translation>检查文件之后客户档案有了变化（例如新增了 {name}）。未导入任何数据：请重新检查文件。</translation>
    </message>
    <message>
        <source>File {file}, sheet “{sheet}”, header in row {row}.</source>
        <translation>文件 {file}，工作表“{sheet}”，表头在第 {row} 行。</translation>
    </message>
    <message>
        <source>{rows} data rows: {ok} correct, {bad} with problems; the correct rows hold {customers} customers and {products} products.</source>
        <translation>数据 {rows} 行：正确 {ok} 行，有问题 {bad} 行；正确的行中共有 {customers} 个客户、{products} 件产品。</translation>
    </message>
    <message>
        <source>Likely duplicates: {customers} customers ({rows} rows).</source>
        <translation>疑似重复：{customers} 个客户（{rows} 行）。</translation>
    </message>
    <message>
        <source>Rows with problems:</source>
        <translation>有问题的行：</translation>
    </message>
    <message>
        <source>Likely duplicates:</source>
        <translation>疑似重复：</translation>
    </message>
    <message>
        <source>Imported {customers} customers and {products} products.</source>
        <translation>已导入 {customers} 个客户、{products} 件产品。</translation>
    </message>
    <message>
        <source>Skipped {customers} likely duplicate customers ({rows} rows).</source>
        <translation>已跳过 {customers} 个疑似重复的客户（{rows} 行）。</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>试运行：未写入任何数据。</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Resembles</source>
        <translation>疑似重复于</translation>
    </message>
</context>
<context>
    <name>CustomerListFilters</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>VIP level</source>
        <translation>VIP 等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人员</translation>
    </message>
</context>
<context>
    <name>CustomerStatus</name>
    <message>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>往来中</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>停止往来</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>The customer cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该客户（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>The product cannot be found any more (it may have been removed meanwhile): choose it again.</source>
        <translation>找不到该产品（可能刚被删除）：请重新选择。</translation>
    </message>
    <message>
        <source>The warranty end ({warranty_end}) is before the purchase date ({purchase_date}).</source>
        <translation>保修截止日期（{warranty_end}）早于购买日期（{purchase_date}）。</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation>请输入客户名称。</translation>
    </message>
    <message>
        <source>Choose the customer&apos;s category (supplier, distributor, special or end user).</source>
        <translation>请选择客户类别（供应商、经销商、特殊类或最终用户）。</translation>
    </message>
    <message>
        <source>Choose whether the customer is in the city (市区) or the suburbs (郊区).</source>
        <translation>请选择客户位于市区还是郊区。</translation>
    </message>
    <message>
        <source>Choose the customer&apos;s status (prospect, active or inactive).</source>
        <translation>请选择客户状态（潜在、往来中或停止往来）。</translation>
    </message>
    <message>
        <source>Choose whether the customer is normal, important or promising.</source>
        <translation>请选择客户是一般、重要还是有潜力客户。</translation>
    </message>
    <message>
        <source>The customer code {code} is already used by {name}.</source>
        <translation>客户代码 {code} 已被 {name} 使用。</translation>
    </message>
    <message>
        <source>The VIP level is 0 (none), 1, 2 or 3.</source>
        <translation>VIP 等级为 0（无）、1、2 或 3。</translation>
    </message>
    <message>
        <source>Enter the product model.</source>
        <translation>请输入产品型号。</translation>
    </message>
    <message>
        <source>Enter the date and time the call was received.</source>
        <translation>请输入接到叫修的日期和时间。</translation>
    </message>
</context>
<context>
    <name>DailyReportDialog</name>
    <message>
        <source>Daily reports</source>
        <translation>日报表</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>%1 jobs</source>
        <translation>%1 件数</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 工时</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Call no.</source>
        <translation>叫修单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>On site / repair</source>
        <translation>现场 / 送修</translation>
    </message>
    <message>
        <source>Sign as manager…</source>
        <translation>经理签字…</translation>
    </message>
    <message>
        <source>Print supervisor report…</source>
        <translation>打印服务主任日报表…</translation>
    </message>
    <message>
        <source>Print technician reports…</source>
        <translation>打印技术员日报表…</translation>
    </message>
    <message>
        <source>Save as Excel…</source>
        <translation>另存为 Excel…</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Not signed by the manager yet</source>
        <translation>经理尚未签字</translation>
    </message>
    <message>
        <source>Signed by %1 at %2</source>
        <translation>%1 已于 %2 签字</translation>
    </message>
    <message>
        <source>Only the branch manager signs the daily report (S12).</source>
        <translation>日报表只能由分公司经理签字。</translation>
    </message>
    <message>
        <source>Changed after the signature:</source>
        <translation>签字后的更正：</translation>
    </message>
    <message>
        <source>+ %1 %2 %3 h (entered %4 by %5)</source>
        <translation>＋ %1 %2 %3 小时（%4 由 %5 录入）</translation>
    </message>
    <message>
        <source>− %1 %2 %3 h (taken back %4 by %5)</source>
        <translation>－ %1 %2 %3 小时（%4 由 %5 撤销）</translation>
    </message>
    <message>
        <source>Corrected totals: %1 jobs, %2 h</source>
        <translation>更正后合计：%1 件，%2 小时</translation>
    </message>
    <message>
        <source>Sign the daily report of %1? The figures are then fixed; later corrections show as amendments.</source>
        <translation>签署 %1 的日报表？签字后数字即固定，之后的更正将作为更正项单独列出。</translation>
    </message>
    <message>
        <source>Sign the daily report</source>
        <translation>签署日报表</translation>
    </message>
    <message>
        <source>Save as Excel</source>
        <translation>另存为 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
</context>
<context>
    <name>DailyReports</name>
    <message>
        <source>Only the branch manager signs the daily report (S12); {name} is not the manager.</source>
        <translation>日报表只能由分公司经理签字；{name} 不是经理。</translation>
    </message>
    <message>
        <source>The report of {day} was signed by {name} at {time}; a correction now goes in as an amendment.</source>
        <translation>{day} 的日报表已由 {name} 于 {time} 签字；现在的更正将作为更正项记录。</translation>
    </message>
    <message>
        <source>The report of {day} cannot be signed before the day has come.</source>
        <translation>{day} 还没到，不能签署当天的日报表。</translation>
    </message>
    <message>
        <source>A report is signed on its day or later, not at {time}.</source>
        <translation>日报表只能在当天或之后签字，不能是 {time}。</translation>
    </message>
    <message>
        <source>Choose who signs.</source>
        <translation>请选择签字人。</translation>
    </message>
</context>
<context>
    <name>DailyWorkbook</name>
    <message>
        <source>Supervisor daily report</source>
        <translation>服务主任日报表</translation>
    </message>
    <message>
        <source>Technician daily report</source>
        <translation>技术员工作日报表</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>工作明细</translation>
    </message>
    <message>
        <source>Amendments</source>
        <translation>签字后更正</translation>
    </message>
    <message>
        <source>{branch} {report} {day}</source>
        <translation>{branch} {report} {day}</translation>
    </message>
    <message>
        <source>Signed by the manager: {name} at {at}</source>
        <translation>经理签字：{name}（{at}）</translation>
    </message>
    <message>
        <source>Not yet signed by the manager</source>
        <translation>经理尚未签字</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>{kind} jobs</source>
        <translation>{kind} 件数</translation>
    </message>
    <message>
        <source>{kind} hours</source>
        <translation>{kind} 工时</translation>
    </message>
    <message>
        <source>Jobs in all</source>
        <translation>合计件数</translation>
    </message>
    <message>
        <source>Hours in all</source>
        <translation>合计工时</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Call no.</source>
        <translation>叫修单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>On site / repair</source>
        <translation>现场 / 送修</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>录入时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Added after the signature</source>
        <translation>签字后补录</translation>
    </message>
    <message>
        <source>Taken back after the signature</source>
        <translation>签字后撤销</translation>
    </message>
    <message>
        <source>Supervisor&apos;s signature</source>
        <translation>服务主任签字</translation>
    </message>
    <message>
        <source>Manager&apos;s check and signature</source>
        <translation>经理审核签字</translation>
    </message>
    <message>
        <source>Technician&apos;s signature</source>
        <translation>技术员签字</translation>
    </message>
    <message>
        <source>Supervisor&apos;s check</source>
        <translation>服务主任审核</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>{name}, {at}</source>
        <translation>{name}&#x3000;{at}</translation>
    </message>
    <message>
        <source>Signed by the branch manager, this report goes to the service department.</source>
        <translation>本表经分公司经理签字后报送服务部。</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The file {path} is not a crm_desktop database (it is not a SQLite file).</source>
        <translation>文件 {path} 不是 crm_desktop 数据库（不是 SQLite 文件）。</translation>
    </message>
    <message>
        <source>The file {path} cannot be read as a database; the details are in the log file.</source>
        <translation>无法将文件 {path} 作为数据库读取，详细情况见日志文件。</translation>
    </message>
    <message>
        <source>The database {path} belongs to another program; crm_desktop will not change it.</source>
        <translation>数据库 {path} 属于其他程序，crm_desktop 不会修改它。</translation>
    </message>
    <message>
        <source>The database {path} was written by a newer version of crm_desktop (schema {revision}). Install that version or newer to open it.</source>
        <translation>数据库 {path} 由较新版本的 crm_desktop 写入（数据结构版本 {revision}）。请安装该版本或更新的版本后再打开。</translation>
    </message>
    <message>
        <source>The database address {url} cannot be used: {reason}. Check --database-url or CRM_DATABASE_URL.</source>
        <translation>无法使用数据库地址 {url}：{reason}。请检查 --database-url 或 CRM_DATABASE_URL。</translation>
    </message>
    <message>
        <source>this program carries no driver for that kind of database (it carries SQLite)</source>
        <translation>本程序没有这种数据库的驱动（只带有 SQLite 的）</translation>
    </message>
    <message>
        <source>it names no kind of database this program knows</source>
        <translation>其中的数据库类型本程序不认识</translation>
    </message>
    <message>
        <source>The database cannot be opened read-only: it is empty or must first be upgraded to this version of the program, which only the program that holds the data folder may do. Close it, then start this one again.</source>
        <translation>无法以只读方式打开数据库：数据库为空，或须先升级到本程序的版本，而这只能由正在使用该数据文件夹的程序完成。请关闭那个程序，再重新启动本程序。</translation>
    </message>
</context>
<context>
    <name>Deadlines</name>
    <message>
        <source>Recomputing the deadlines was cancelled: nothing was changed.</source>
        <translation>已取消重新计算到达期限，未作任何更改。</translation>
    </message>
</context>
<context>
    <name>Dealings</name>
    <message>
        <source>Service call</source>
        <translation>叫修</translation>
    </message>
    <message>
        <source>Goods taken in</source>
        <translation>商品进出</translation>
    </message>
    <message>
        <source>Repair card</source>
        <translation>修理卡</translation>
    </message>
    <message>
        <source>Maintenance contract</source>
        <translation>保养合同</translation>
    </message>
    <message>
        <source>In the workshop</source>
        <translation>在修</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已取回</translation>
    </message>
    <message>
        <source>Receipt voided</source>
        <translation>收据作废</translation>
    </message>
    <message>
        <source>{start} to {end}; {products}</source>
        <translation>{start} 至 {end}；{products}</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>The database already holds service calls; demo data goes only into an empty register.</source>
        <translation>数据库中已有叫修记录；演示数据只能填入空的登记簿。</translation>
    </message>
    <message>
        <source>This data folder holds a real branch&apos;s database (its own accounts, staff or customers): demo data never goes into it. Give the demo a new, empty folder (--data-dir).</source>
        <translation>此数据文件夹中是真实的营业所数据库（已有自己的账号、员工或客户）：演示数据绝不写入其中。请为演示数据指定一个新的空文件夹（--data-dir）。</translation>
    </message>
    <message>
        <source>The number of demo calls cannot be negative ({calls}).</source>
        <translation>演示叫修的数量不能为负数（{calls}）。</translation>
    </message>
    <message>
        <source>Demo data: {staff} staff, {customers} customers ({categories}), {products} products.</source>
        <translation>演示数据：员工 {staff} 名，客户 {customers} 个（{categories}），产品 {products} 件。</translation>
    </message>
    <message>
        <source>{calls} service calls received from {first} to {last}: {statuses}.</source>
        <translation>{first} 至 {last} 共接到叫修 {calls} 件：{statuses}。</translation>
    </message>
    <message>
        <source>{goods} goods entries, {cards} repair cards with {parts} parts lines.</source>
        <translation>商品进出登记 {goods} 条，修理卡 {cards} 张，零件明细 {parts} 行。</translation>
    </message>
    <message>
        <source>{contracts} maintenance contracts; {steps} steps in the calls&apos; history, {logs} work log lines.</source>
        <translation>{contracts} 份保养合同；服务过程记录 {steps} 条，工时记录 {logs} 条。</translation>
    </message>
    <message>
        <source>Written in {seconds} s.</source>
        <translation>用时 {seconds} 秒。</translation>
    </message>
</context>
<context>
    <name>Direction</name>
    <message>
        <source>From the customer</source>
        <translation>来</translation>
    </message>
    <message>
        <source>To the customer</source>
        <translation>往</translation>
    </message>
</context>
<context>
    <name>DispatchBoard</name>
    <message>
        <source>Dispatch board</source>
        <translation>派工板</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>Waiting for dispatch (carry-overs first, then by arrival deadline)</source>
        <translation>待派工叫修（遗留优先，再按到达期限）</translation>
    </message>
    <message>
        <source>Technicians and their open jobs</source>
        <translation>技术员及在办工作</translation>
    </message>
    <message>
        <source>Only the service supervisor dispatches calls; no user is chosen (File → Switch user…).</source>
        <translation>只有服务主任可以派工；尚未选择当前用户（文件 → 切换用户…）。</translation>
    </message>
    <message>
        <source>Only the service supervisor dispatches calls; the current user is %1.</source>
        <translation>只有服务主任可以派工；当前用户是 %1。</translation>
    </message>
    <message>
        <source>Select a call on the left and a technician on the right.</source>
        <translation>请在左侧选中一条叫修，在右侧选中一名技术员。</translation>
    </message>
    <message>
        <source>Select a call and a technician and press Dispatch, or drag the call onto the technician.</source>
        <translation>选中一条叫修和一名技术员后按“派工”，或把叫修拖到技术员上。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Give %1 to %2 now.</source>
        <translation>立即把 %1 派给%2。</translation>
    </message>
    <message>
        <source>Waiting: %1   Carry-overs: %2</source>
        <translation>待派工：%1 件&#x3000;其中遗留：%2 件</translation>
    </message>
    <message>
        <source>Dispatched %1 to %2 at %3.</source>
        <translation>已于 %3 把 %1 派给%2。</translation>
    </message>
    <message>
        <source>Dispatch board: %1 waiting, %2 carried over</source>
        <translation>派工板：待派工 %1 件，遗留 %2 件</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Dispatch</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Dispatched at</source>
        <translation>派工时间</translation>
    </message>
</context>
<context>
    <name>District</name>
    <message>
        <source>Urban</source>
        <translation>市区</translation>
    </message>
    <message>
        <source>Suburban</source>
        <translation>郊区</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong and the last action was not saved. The details are in the log file.</source>
        <translation>程序出错，上一步操作未保存。详细信息已记录在日志文件中。</translation>
    </message>
    <message>
        <source>crm_desktop</source>
        <translation>crm_desktop</translation>
    </message>
</context>
<context>
    <name>EscalateStepDialog</name>
    <message>
        <source>Escalated at</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Promised return</source>
        <translation>承诺交还日期</translation>
    </message>
    <message>
        <source>no date promised</source>
        <translation>未承诺日期</translation>
    </message>
    <message>
        <source>Why, and what is needed</source>
        <translation>原因及所需支持</translation>
    </message>
</context>
<context>
    <name>EventKind</name>
    <message>
        <source>Restructuring</source>
        <translation>改制</translation>
    </message>
    <message>
        <source>Renamed</source>
        <translation>更名</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>迁址</translation>
    </message>
    <message>
        <source>Capital change</source>
        <translation>资本变更</translation>
    </message>
    <message>
        <source>Change of management</source>
        <translation>法人/领导变更</translation>
    </message>
    <message>
        <source>Merger or split</source>
        <translation>合并/分立</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>There is no register called “{name}”. The registers are: {names}.</source>
        <translation>没有名为“{name}”的登记簿。可导出的登记簿：{names}。</translation>
    </message>
    <message>
        <source>The {register} has no column “{column}”. Its columns are: {columns}.</source>
        <translation>{register}没有“{column}”这一列。可用的列：{columns}。</translation>
    </message>
    <message>
        <source>An Excel workbook&apos;s file name ends in .xlsx: {path}</source>
        <translation>Excel 工作簿的文件名须以 .xlsx 结尾：{path}</translation>
    </message>
    <message>
        <source>{path} cannot be written ({reason}). If the file is open in Excel, close it and export again.</source>
        <translation>无法写入 {path}（{reason}）。如果该文件正在 Excel 中打开，请先关闭，再重新导出。</translation>
    </message>
    <message>
        <source>The export was cancelled: no file was written.</source>
        <translation>导出已取消：没有写入文件。</translation>
    </message>
    <message>
        <source>{rows} rows do not fit on one Excel sheet (at most {limit}); narrow the search and export again.</source>
        <translation>{rows} 行超出了 Excel 单张工作表的上限（{limit} 行）；请缩小搜索范围后再导出。</translation>
    </message>
    <message>
        <source>Search: {search}</source>
        <translation>搜索：{search}</translation>
    </message>
    <message>
        <source>No search: every row</source>
        <translation>未搜索：全部记录</translation>
    </message>
    <message>
        <source>Sorted by {column}, ascending</source>
        <translation>排序：{column} 升序</translation>
    </message>
    <message>
        <source>Sorted by {column}, descending</source>
        <translation>排序：{column} 降序</translation>
    </message>
    <message>
        <source>{rows} rows</source>
        <translation>共 {rows} 行</translation>
    </message>
    <message>
        <source>Exported {at}</source>
        <translation>导出时间：{at}</translation>
    </message>
    <message>
        <source>Total ({rows} rows)</source>
        <translation>合计（{rows} 行）</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export to E&amp;xcel…</source>
        <translation>导出到 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>已取消导出，未写入任何文件。</translation>
    </message>
    <message>
        <source>The export could not be finished. The details are in the log file.</source>
        <translation>导出未能完成，详细信息已记录在日志文件中。</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
    <message>
        <source>Exporting %1 rows…</source>
        <translation>正在导出 %1 行…</translation>
    </message>
</context>
<context>
    <name>Faults</name>
    <message>
        <source>Another program is holding the database (a second crm_desktop, a backup or a database tool), so it could not be written: nothing was saved. Close the other program, then try again.</source>
        <translation>另一个程序（另一个 crm_desktop、备份程序或数据库工具）正占用数据库，无法写入：本次操作未保存。请关闭该程序后重试。</translation>
    </message>
    <message>
        <source>The disk is full: nothing was saved. Free some space on the disk that holds the data folder (delete or move files you no longer need), then try again.</source>
        <translation>磁盘已满：本次操作未保存。请在数据文件夹所在的磁盘上腾出空间（删除或移走不再需要的文件）后重试。</translation>
    </message>
    <message>
        <source>The database or its folder may not be written (a read-only file or disk, or no permission): nothing was saved. Check that the data folder&apos;s permissions allow writing and that the disk is not write-protected, then try again.</source>
        <translation>数据库或其所在文件夹不允许写入（文件或磁盘为只读，或没有写入权限）：本次操作未保存。请检查数据文件夹的权限是否允许写入、磁盘是否有写保护，然后重试。</translation>
    </message>
    <message>
        <source>The disk could not be read or written (an input/output error). Check that the disk or network drive that holds the data folder is connected and working, then try again; if it happens again, the disk may be failing: copy the data folder and its backups to another disk.</source>
        <translation>无法读写磁盘（输入/输出错误）。请检查数据文件夹所在的磁盘或网络驱动器是否已连接、工作正常，然后重试；若再次出现，磁盘可能正在损坏：请把数据文件夹及其备份复制到另一块磁盘上。</translation>
    </message>
    <message>
        <source>The database file is damaged and cannot be read safely. Close the program and restore the latest copy from the data folder&apos;s backups folder (backups), or ask for help; do not go on working with the damaged file.</source>
        <translation>数据库文件已损坏，无法安全读取。请关闭程序，从数据文件夹中的备份文件夹（backups）恢复最近的一份副本，或请人协助；不要继续使用已损坏的文件。</translation>
    </message>
    <message>
        <source>the file or folder does not exist</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>the file is open in another program</source>
        <translation>文件正被其他程序打开</translation>
    </message>
    <message>
        <source>no permission to use it, or it is open in another program</source>
        <translation>没有使用权限，或文件正被其他程序打开</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the disk or folder is read-only</source>
        <translation>磁盘或文件夹为只读</translation>
    </message>
    <message>
        <source>a folder has that name</source>
        <translation>已有同名的文件夹</translation>
    </message>
    <message>
        <source>the name or path is too long</source>
        <translation>文件名或路径太长</translation>
    </message>
    <message>
        <source>the disk could not be read or written</source>
        <translation>磁盘无法读写</translation>
    </message>
    <message>
        <source>the details are in the log file</source>
        <translation>详细情况见日志文件</translation>
    </message>
</context>
<context>
    <name>FileField</name>
    <message>
        <source>No file</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>File to keep with the archive</source>
        <translation>存入客户档案的文件</translation>
    </message>
</context>
<context>
    <name>FinishRepairDialog</name>
    <message>
        <source>Finished at</source>
        <translation>修复时间</translation>
    </message>
    <message>
        <source>Repair hours</source>
        <translation>维修工时</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Parts on the card</source>
        <translation>修理卡所列零件</translation>
    </message>
    <message>
        <source>Computed fee</source>
        <translation>计算费用</translation>
    </message>
</context>
<context>
    <name>FirstSetupDialog</name>
    <message>
        <source>The administrator&apos;s account</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <source>The program created the administrator&apos;s account. Log in with it now and choose your own password; then create the accounts of your colleagues.</source>
        <translation>程序已创建管理员账号。请现在用它登录并设置您自己的密码，然后为同事们开通账号。</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>One-time password</source>
        <translation>一次性密码</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>The recovery code is shown only now. Write it down or print this window and lock it away: with it the administrator&apos;s password can be reset on this PC. Anyone who has it can do the same.</source>
        <translation>恢复码只在此刻显示一次。请抄下或打印本窗口并锁好：凭它可以在这台电脑上重设管理员密码。任何拿到它的人也都能这样做。</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <source>I have written down the recovery code and will keep it safe</source>
        <translation>我已抄下恢复码，并会妥善保管</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <source>Welcome to crm_desktop</source>
        <translation>欢迎使用 crm_desktop</translation>
    </message>
    <message>
        <source>The database is empty. How do you want to begin?</source>
        <translation>数据库是空的。您想如何开始？</translation>
    </message>
    <message>
        <source>Demo data fills the registers with invented customers and calls, for trying the program out.</source>
        <translation>演示数据会在登记簿中填入虚构的客户和叫修记录，供试用本程序。</translation>
    </message>
    <message>
        <source>Begin empty</source>
        <translation>从空白开始</translation>
    </message>
    <message>
        <source>Fill with demo data</source>
        <translation>填入演示数据</translation>
    </message>
</context>
<context>
    <name>FolderLock</name>
    <message>
        <source>The data folder {folder} is in use by crm_desktop on the computer {computer} (Windows account {user}, program {pid}) since {since}.</source>
        <translation>数据文件夹 {folder} 正由电脑 {computer} 上的 crm_desktop 使用（Windows 账户 {user}，程序编号 {pid}），自 {since} 起。</translation>
    </message>
    <message>
        <source>The data folder {folder} is in use by another crm_desktop (it did not say who).</source>
        <translation>数据文件夹 {folder} 正由另一个 crm_desktop 使用（未说明是谁）。</translation>
    </message>
</context>
<context>
    <name>Goods</name>
    <message>
        <source>The goods register entry cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该商品进出登记（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>The customer cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该客户（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>The service call cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该叫修单（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>The product cannot be found any more (it may have been removed meanwhile): choose it again.</source>
        <translation>找不到该产品（可能刚被删除）：请重新选择。</translation>
    </message>
    <message>
        <source>Enter the date and time the goods were taken in.</source>
        <translation>请输入商品带回的日期和时间。</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation>请输入客户名称。</translation>
    </message>
    <message>
        <source>The promised date ({promised}) is before the day the goods were taken in ({taken_in}).</source>
        <translation>约定送还日期（{promised}）早于商品带回日期（{taken_in}）。</translation>
    </message>
    <message>
        <source>The return date is entered when the goods go back to the customer.</source>
        <translation>送还日期在商品送还客户时登记，不能直接填写。</translation>
    </message>
    <message>
        <source>Who gave the goods back is entered when the goods go back to the customer.</source>
        <translation>送还人在商品送还客户时登记，不能直接填写。</translation>
    </message>
    <message>
        <source>Who signed for the goods is entered when the goods go back to the customer.</source>
        <translation>签收人在商品送还客户时登记，不能直接填写。</translation>
    </message>
    <message>
        <source>The receipt is voided when the goods go back to the customer.</source>
        <translation>收据在商品送还客户时作废，不能直接修改。</translation>
    </message>
    <message>
        <source>A receipt number is never changed.</source>
        <translation>收据编号不能更改。</translation>
    </message>
    <message>
        <source>Call {call_no} is another customer&apos;s, not {name}&apos;s.</source>
        <translation>叫修单 {call_no} 属于其他客户，不属于 {name}。</translation>
    </message>
    <message>
        <source>The product {model} belongs to another customer, not to {name}.</source>
        <translation>产品 {model} 属于其他客户，不属于 {name}。</translation>
    </message>
    <message>
        <source>The product {model} is not the one of call {call_no}.</source>
        <translation>产品 {model} 与叫修单 {call_no} 中的产品不符。</translation>
    </message>
</context>
<context>
    <name>GoodsDialog</name>
    <message>
        <source>Goods taken in</source>
        <translation>带回商品登记</translation>
    </message>
    <message>
        <source>Goods entry</source>
        <translation>商品进出登记</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Customer and product</source>
        <translation>客户和产品</translation>
    </message>
    <message>
        <source>Taken in</source>
        <translation>带回时间</translation>
    </message>
    <message>
        <source>Taken in by</source>
        <translation>经手人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Accessories</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>商品状况</translation>
    </message>
    <message>
        <source>Promised return</source>
        <translation>约定送还日期</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Goods entry %1</source>
        <translation>商品进出登记 %1</translation>
    </message>
</context>
<context>
    <name>HandOverFeeDialog</name>
    <message>
        <source>Handed over at</source>
        <translation>交款时间</translation>
    </message>
    <message>
        <source>nothing collected on site</source>
        <translation>现场未收款</translation>
    </message>
    <message>
        <source>Collected on site</source>
        <translation>现场收款</translation>
    </message>
    <message>
        <source>Accountant</source>
        <translation>会计员</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Open service call</source>
        <translation>未结叫修</translation>
    </message>
    <message>
        <source>Maintenance contract</source>
        <translation>保养合同</translation>
    </message>
    <message>
        <source>This member of staff cannot be found any more: choose again.</source>
        <translation>找不到该员工：请重新选择。</translation>
    </message>
    <message>
        <source>{name} has already left: the hand-over was done.</source>
        <translation>{name} 已离职，交接已经办理过。</translation>
    </message>
    <message>
        <source>You cannot hand over your own work: another administrator or the manager does it.</source>
        <translation>不能为自己办理交接：请由另一位管理员或经理办理。</translation>
    </message>
    <message>
        <source>{name} is the only administrator who can still log in: make someone else administrator first.</source>
        <translation>{name} 是唯一还能登录的管理员：请先指定另一位管理员。</translation>
    </message>
    <message>
        <source>Choose who takes over {what}.</source>
        <translation>请选择由谁接替“{what}”。</translation>
    </message>
    <message>
        <source>{what} cannot go to {name}: that is the person who leaves.</source>
        <translation>“{what}”不能交给 {name}：此人就是离职人员。</translation>
    </message>
    <message>
        <source>{name} no longer works here and cannot take over {what}.</source>
        <translation>{name} 已离职，不能接替“{what}”。</translation>
    </message>
    <message>
        <source>{what} is no longer {name}&apos;s (someone changed it meanwhile): open the hand-over again.</source>
        <translation>“{what}”已不再由 {name} 负责（期间有人改动）：请重新打开交接。</translation>
    </message>
    <message>
        <source>{what} became {name}&apos;s meanwhile: open the hand-over again so that it is handed over too.</source>
        <translation>期间“{what}”改由 {name} 负责：请重新打开交接，以便一并交接。</translation>
    </message>
    <message>
        <source>Say why the work is handed over (e.g. left the company on 30 November).</source>
        <translation>请填写交接原因（例如：11 月 30 日离职）。</translation>
    </message>
    <message>
        <source>The hand-over takes effect today or earlier, not on {day}.</source>
        <translation>交接只能自今天或更早生效，不能是 {day}。</translation>
    </message>
    <message>
        <source>There is no hand-over numbered “{number}”.</source>
        <translation>没有编号为“{number}”的交接记录。</translation>
    </message>
    <message>
        <source>Notification letter {number}: {leaving} no longer looks after your business; taken over by {replacements}.</source>
        <translation>通知函 {number}：{leaving} 不再负责贵单位业务，由 {replacements} 接替。</translation>
    </message>
    <message>
        <source>Takes over from {leaving} (hand-over {number})</source>
        <translation>接替 {leaving}（交接 {number}）</translation>
    </message>
    <message>
        <source>Hand-over {number}: {reason}</source>
        <translation>交接 {number}：{reason}</translation>
    </message>
</context>
<context>
    <name>HandoverHistoryDialog</name>
    <message>
        <source>Earlier hand-overs</source>
        <translation>以往的交接</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Who left</source>
        <translation>离职人员</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>办理人</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>事项数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Print the letters…</source>
        <translation>打印通知函…</translation>
    </message>
    <message>
        <source>Choose a hand-over in the list first.</source>
        <translation>请先在列表中选择一次交接。</translation>
    </message>
</context>
<context>
    <name>HandoverWizard</name>
    <message>
        <source>Departure hand-over</source>
        <translation>离职交接</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>交接</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>“{what}” cannot be undone: {who} changed it again on {at} (from “{old}” to “{new}”). Change it by hand if it should still be different.</source>
        <translation>“{what}”不能撤销：{who} 已于 {at} 再次修改了它（从“{old}”改为“{new}”）。如仍需改动，请直接修改。</translation>
    </message>
    <message>
        <source>“{what}” cannot be redone: {who} changed it again on {at} (from “{old}” to “{new}”). Change it by hand if it should still be different.</source>
        <translation>“{what}”不能重做：{who} 已于 {at} 再次修改了它（从“{old}”改为“{new}”）。如仍需改动，请直接修改。</translation>
    </message>
    <message>
        <source>“{what}” cannot be redone: it was changed since by another part of the program (a step of the service process) and is now “{now}”. Change it by hand if it should still be different.</source>
        <translation>“{what}”不能重做：此后程序的其他部分（服务流程的某一步）已修改了它，现在是“{now}”。如仍需改动，请直接修改。</translation>
    </message>
    <message>
        <source>“{what}” cannot be undone: it was changed since by another part of the program (a step of the service process) and is now “{now}”. Change it by hand if it should still be different.</source>
        <translation>“{what}”不能撤销：此后程序的其他部分（服务流程的某一步）已修改了它，现在是“{now}”。如仍需改动，请直接修改。</translation>
    </message>
    <message>
        <source>The record of this edit cannot be found any more (it may have been removed meanwhile).</source>
        <translation>找不到这次修改所属的记录了（可能已被删除）。</translation>
    </message>
    <message>
        <source>someone unknown</source>
        <translation>未知人员</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>Taken in by</source>
        <translation>经手人</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Taken back on %1 by %2: %3</source>
        <translation>已于 %1 由 %2 撤销：%3</translation>
    </message>
    <message>
        <source>Takes back “%1” of %2.</source>
        <translation>撤销 %2 的“%1”。</translation>
    </message>
    <message>
        <source>Recorded %1</source>
        <translation>录入于 %1</translation>
    </message>
</context>
<context>
    <name>ImportCheckPage</name>
    <message>
        <source>Step 3: check</source>
        <translation>第 3 步：检查</translation>
    </message>
    <message>
        <source>Every row is checked before anything is written. Cells with a problem are red: point at one to read why. Correct the sheet in Excel, save it and press Check again.</source>
        <translation>写入之前先检查每一行。有问题的单元格显示为红色：鼠标指向它可以看到原因。请在 Excel 中改正并保存，然后点“重新检查”。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Show only the rows with problems</source>
        <translation>只显示有问题的行</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Read the file again (after correcting it in Excel) and check every row</source>
        <translation>重新读取文件（在 Excel 中改正之后）并检查每一行</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the check&apos;s report (counts, bad rows, duplicates) to the clipboard</source>
        <translation>将检查报告（行数、有问题的行、疑似重复）复制到剪贴板</translation>
    </message>
    <message>
        <source>Save as Excel…</source>
        <translation>另存为 Excel…</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Resembles</source>
        <translation>疑似重复于</translation>
    </message>
    <message>
        <source>Skip the likely duplicate rows</source>
        <translation>跳过疑似重复的行</translation>
    </message>
    <message>
        <source>Unticked: they are imported anyway, as new customers</source>
        <translation>不勾选：仍然导入，作为新客户</translation>
    </message>
    <message>
        <source>Checking %1 rows…</source>
        <translation>正在检查 %1 行…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>The column names changed: the columns were matched again. Go back to step 2 to look at them.</source>
        <translation>列名有变化，已重新对应各列。请返回第 2 步查看。</translation>
    </message>
    <message>
        <source>Rows with problems</source>
        <translation>有问题的行</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>疑似重复</translation>
    </message>
    <message>
        <source>Every row is correct.</source>
        <translation>每一行都正确。</translation>
    </message>
    <message>
        <source>Rows with problems (%1)</source>
        <translation>有问题的行（%1）</translation>
    </message>
    <message>
        <source>Likely duplicates (%1)</source>
        <translation>疑似重复（%1）</translation>
    </message>
    <message>
        <source>Skip the likely duplicate rows (%1 customers, %2 rows)</source>
        <translation>跳过疑似重复的行（%1 个客户，%2 行）</translation>
    </message>
    <message>
        <source>%1 rows have problems: nothing can be imported until they are corrected in the sheet (then press Check again).</source>
        <translation>有 %1 行有问题：在表格中改正之前不能导入（改正后点“重新检查”）。</translation>
    </message>
    <message>
        <source>Import will write %1 customers and %2 products, all together or none.</source>
        <translation>点“导入”将写入 %1 个客户、%2 件产品：要么全部写入，要么都不写入。</translation>
    </message>
    <message>
        <source>Nothing to import: every customer is skipped as a likely duplicate.</source>
        <translation>没有可导入的内容：所有客户都作为疑似重复被跳过。</translation>
    </message>
    <message>
        <source>%1-check.xlsx</source>
        <translation>%1-检查结果.xlsx</translation>
    </message>
    <message>
        <source>Save the check&apos;s report</source>
        <translation>保存检查报告</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>无法保存报告：%1</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written.</source>
        <translation>已取消导入：未写入任何数据。</translation>
    </message>
</context>
<context>
    <name>ImportFilePage</name>
    <message>
        <source>Step 1: choose the workbook</source>
        <translation>第 1 步：选择工作簿</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx) with one customer, or one product of a customer, per row and the column names (客户名称, 电话, 地址, 型号 …) in the row above the data.</source>
        <translation>Excel 工作簿（.xlsx），每行一个客户或客户的一件产品，数据上方一行为列名（客户名称、电话、地址、型号……）。</translation>
    </message>
    <message>
        <source>The workbook&apos;s file</source>
        <translation>工作簿文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Choose the customers&apos; workbook</source>
        <translation>选择客户工作簿</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx *.xlsm);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
</context>
<context>
    <name>ImportMappingPage</name>
    <message>
        <source>Step 2: match the columns</source>
        <translation>第 2 步：对应列</translation>
    </message>
    <message>
        <source>Each field of the customer archive and the column of the sheet it comes from. The columns were matched by their names; change any that is wrong. Fields marked * are required.</source>
        <translation>客户档案的每一项及其在表格中对应的列。已按列名自动对应，如有不对请修改。带 * 的项必须对应。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Column of the sheet</source>
        <translation>表格中的列</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>前几行的值</translation>
    </message>
    <message>
        <source>%1 (product)</source>
        <translation>%1（产品）</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>%1 of the sheet&apos;s %2 columns are imported.</source>
        <translation>表格共 %2 列，导入其中 %1 列。</translation>
    </message>
    <message>
        <source>Not imported: %1.</source>
        <translation>不导入：%1。</translation>
    </message>
    <message>
        <source>The registered capital column is in 万元 (10,000 yuan): it is converted to yuan.</source>
        <translation>注册资金列以万元为单位，导入时换算为元。</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
</context>
<context>
    <name>ImportResultPage</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>Importance</name>
    <message>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Important</source>
        <translation>重要客户</translation>
    </message>
    <message>
        <source>Promising</source>
        <translation>有潜力客户</translation>
    </message>
</context>
<context>
    <name>InspectDialog</name>
    <message>
        <source>Inspected at</source>
        <translation>检验时间</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>检验结果</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Sent back to repair</source>
        <translation>退回重修</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What is wrong *</source>
        <translation>问题所在 *</translation>
    </message>
</context>
<context>
    <name>InvoiceDialog</name>
    <message>
        <source>Issued at</source>
        <translation>开票时间</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>not set yet</source>
        <translation>尚未确定</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>发票号码</translation>
    </message>
</context>
<context>
    <name>InvoicesModel</name>
    <message>
        <source>Call no.</source>
        <translation>叫修单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Fee (yuan)</source>
        <translation>费用（元）</translation>
    </message>
    <message>
        <source>Invoice due</source>
        <translation>应开票日</translation>
    </message>
    <message>
        <source>Collected on site</source>
        <translation>现场收费</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No: invoice, collect later</source>
        <translation>未收：开票后收款</translation>
    </message>
    <message>
        <source>Yes, %1 yuan: mail the invoice</source>
        <translation>已收 %1 元：寄发票</translation>
    </message>
    <message>
        <source>Overdue by %1 days</source>
        <translation>已逾期 %1 天</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日应开</translation>
    </message>
</context>
<context>
    <name>InvoicesPage</name>
    <message>
        <source>Record invoice number…</source>
        <translation>录入发票号…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Invoices to issue</source>
        <translation>待开发票</translation>
    </message>
    <message>
        <source>Paid jobs whose signed voucher came back (S5) or whose goods went back to the customer (S8), without an invoice number yet. Red: due on an earlier day.</source>
        <translation>有费服务：服务凭证已签字交回（现场服务）或商品已交还客户（送修），尚未登记发票号。红色：应开票日已过。</translation>
    </message>
    <message>
        <source>%1 to issue, %2 overdue</source>
        <translation>待开 %1 张，逾期 %2 张</translation>
    </message>
</context>
<context>
    <name>Layout</name>
    <message>
        <source>The form layout {file} cannot be read: {problem}</source>
        <translation>表单版式文件 {file} 无法读取：{problem}</translation>
    </message>
    <message>
        <source>The form layout {file} has a mistake at “{key}”: {problem}</source>
        <translation>表单版式文件 {file} 在“{key}”处有误：{problem}</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>a number is required</source>
        <translation>必须填写数字</translation>
    </message>
    <message>
        <source>must be a number, not {value}</source>
        <translation>应为数字，而不是 {value}</translation>
    </message>
    <message>
        <source>must be at least {minimum}, not {value}</source>
        <translation>不能小于 {minimum}，现为 {value}</translation>
    </message>
    <message>
        <source>must be text in quotes, not {value}</source>
        <translation>应为加引号的文字，而不是 {value}</translation>
    </message>
    <message>
        <source>unbalanced braces in {value}; write {{{{ or }}}} for a literal brace</source>
        <translation>{value} 中的花括号不成对；要印出花括号本身请写 {{{{ 或 }}}}</translation>
    </message>
    <message>
        <source>must be one of {choices}, not {value}</source>
        <translation>应为 {choices} 之一，而不是 {value}</translation>
    </message>
    <message>
        <source>must be true or false, not {value}</source>
        <translation>应为 true 或 false，而不是 {value}</translation>
    </message>
    <message>
        <source>must be two numbers in brackets, e.g. [100, 150], not {value}</source>
        <translation>应为方括号中的两个数字，如 [100, 150]，而不是 {value}</translation>
    </message>
    <message>
        <source>unknown key (misspelt?)</source>
        <translation>未知的键（是否拼写有误？）</translation>
    </message>
    <message>
        <source>not UTF-8 text (byte {position})</source>
        <translation>不是 UTF-8 文本（第 {position} 字节）</translation>
    </message>
    <message>
        <source>a mistake in the file&apos;s syntax</source>
        <translation>文件的语法有误</translation>
    </message>
    <message>
        <source>a mistake in the file&apos;s syntax at line {line}, column {column}</source>
        <translation>文件第 {line} 行第 {column} 列的语法有误</translation>
    </message>
    <message>
        <source>must be one of {choices} or [width, height] in mm, not {value}</source>
        <translation>应为 {choices} 之一或以毫米为单位的 [宽, 高]，而不是 {value}</translation>
    </message>
    <message>
        <source>a page must be at least 20 mm each way</source>
        <translation>页面的宽和高都不能小于 20 毫米</translation>
    </message>
    <message>
        <source>must be four numbers ≥ 0 [top, right, bottom, left] in mm, not {value}</source>
        <translation>应为四个不小于 0 的数字 [上, 右, 下, 左]（毫米），而不是 {value}</translation>
    </message>
    <message>
        <source>leave no room on the page</source>
        <translation>页边距过大，页面上没有可打印的地方</translation>
    </message>
    <message>
        <source>must not be larger than font_size</source>
        <translation>不能大于 font_size</translation>
    </message>
    <message>
        <source>must be a list of [[copies]] tables</source>
        <translation>应为一组 [[copies]] 表</translation>
    </message>
    <message>
        <source>must be a [[copies]] table</source>
        <translation>应为 [[copies]] 表</translation>
    </message>
    <message>
        <source>a layout needs at least one [[elements]] table</source>
        <translation>版式至少需要一个 [[elements]] 表</translation>
    </message>
    <message>
        <source>a layout has at most one table (it decides the page breaks)</source>
        <translation>一个版式最多只能有一个表格（分页由它决定）</translation>
    </message>
    <message>
        <source>must be a [{name}] table</source>
        <translation>应为 [{name}] 表</translation>
    </message>
    <message>
        <source>must be an [[elements]] table</source>
        <translation>应为 [[elements]] 表</translation>
    </message>
    <message>
        <source>the layout has only {count} copies</source>
        <translation>该版式只有 {count} 联</translation>
    </message>
    <message>
        <source>must be #rrggbb, not {value}</source>
        <translation>应为 #rrggbb 形式的颜色，而不是 {value}</translation>
    </message>
    <message>
        <source>give either text or field, not both</source>
        <translation>text 和 field 只能给出其中一个</translation>
    </message>
    <message>
        <source>leaves no room for the value</source>
        <translation>没有给内容留下位置</translation>
    </message>
    <message>
        <source>names the field whose value is encoded</source>
        <translation>应指明要编码的字段</translation>
    </message>
    <message>
        <source>names the list of rows the table shows</source>
        <translation>应指明表格显示的明细行</translation>
    </message>
    <message>
        <source>reaches beyond the printable height</source>
        <translation>超出了可打印的高度</translation>
    </message>
    <message>
        <source>a table needs a list of columns</source>
        <translation>表格需要列的清单</translation>
    </message>
    <message>
        <source>must be a table {{ field = …, header = …, width = … }}</source>
        <translation>应为 {{ field = …, header = …, width = … }} 形式的表</translation>
    </message>
    <message>
        <source>names the value shown in the column</source>
        <translation>应指明该列显示的内容</translation>
    </message>
    <message>
        <source>are {total} mm wide together, wider than the table&apos;s w = {width} mm</source>
        <translation>各列合计宽 {total} 毫米，超过了表格的宽度 w = {width} 毫米</translation>
    </message>
    <message>
        <source>must be a table {{ column = &quot;{{field}}&quot; }}</source>
        <translation>应为 {{ column = &quot;{{field}}&quot; }} 形式的表（列名 = 字段）</translation>
    </message>
    <message>
        <source>is not one of the table&apos;s columns</source>
        <translation>不是表格中的列</translation>
    </message>
    <message>
        <source>leaves no room for a row under the header</source>
        <translation>表头下面没有放一行的位置</translation>
    </message>
    <message>
        <source>reaches {reach} mm across, beyond the printable width {width} mm</source>
        <translation>横向到达 {reach} 毫米，超出了可打印的宽度 {width} 毫米</translation>
    </message>
    <message>
        <source>reaches {reach} mm down, beyond the printable height {height} mm</source>
        <translation>纵向到达 {reach} 毫米，超出了可打印的高度 {height} 毫米</translation>
    </message>
    <message>
        <source>names the field {name}, which this form does not have</source>
        <translation>使用了字段 {name}，但本表单没有这个字段</translation>
    </message>
    <message>
        <source>this form has no list {name}</source>
        <translation>本表单没有名为 {name} 的明细</translation>
    </message>
    <message>
        <source>the list {name} has no column {column}</source>
        <translation>明细 {name} 中没有 {column} 这一列</translation>
    </message>
</context>
<context>
    <name>LeavingPage</name>
    <message>
        <source>Who leaves</source>
        <translation>离职人员</translation>
    </message>
    <message>
        <source>Everything this person is responsible for is handed over; then their account is closed.</source>
        <translation>此人负责的一切都将交接给同事，然后停用其账号。</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>e.g. resigned; transferred to head office</source>
        <translation>例如：辞职；调往总公司</translation>
    </message>
    <message>
        <source>Leaving</source>
        <translation>离职人员</translation>
    </message>
    <message>
        <source>Replacements take over on</source>
        <translation>接替生效日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Earlier hand-overs and their letters…</source>
        <translation>以往的交接及通知函…</translation>
    </message>
    <message>
        <source>%1 customers, %2 open service calls and %3 maintenance contracts to hand over.</source>
        <translation>需交接：客户 %1 位，未结叫修 %2 件，保养合同 %3 份。</translation>
    </message>
</context>
<context>
    <name>ListExport</name>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>ListOutput</name>
    <message>
        <source>Drawing the %1…</source>
        <translation>正在绘制%1…</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入文件。</translation>
    </message>
    <message>
        <source>The export could not be finished. The details are in the log file.</source>
        <translation>导出未能完成，详情见日志文件。</translation>
    </message>
    <message>
        <source>Exporting the %1…</source>
        <translation>正在导出%1…</translation>
    </message>
    <message>
        <source>Print &amp;list…</source>
        <translation>打印清单(&amp;L)…</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>导出到 Excel(&amp;X)…</translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <source>{what}: {value}</source>
        <translation>{what}：{value}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>The period ends ({end}) before it starts ({start}).</source>
        <translation>期间的结束日（{end}）早于开始日（{start}）。</translation>
    </message>
    <message>
        <source>There is no list “{name}”. The lists: {names}.</source>
        <translation>没有名为“{name}”的清单。可用的清单：{names}。</translation>
    </message>
    <message>
        <source>Repair card register</source>
        <translation>修理卡登记簿</translation>
    </message>
    <message>
        <source>Card no.</source>
        <translation>修理卡号</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开卡时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>商品型号</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>机号</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障描述</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺完成</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Labour (yuan)</source>
        <translation>工费（元）</translation>
    </message>
    <message>
        <source>Parts (yuan)</source>
        <translation>零件费（元）</translation>
    </message>
    <message>
        <source>Maintenance contracts</source>
        <translation>保养合同</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Ending within a month</source>
        <translation>一个月内到期</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已到期</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <source>Products covered</source>
        <translation>保养商品</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>End</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Fee (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Visits used</source>
        <translation>已用次数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Looked after by</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Contract renewals due</source>
        <translation>保养合同续约到期表</translation>
    </message>
    <message>
        <source>Notice due</source>
        <translation>通知应寄日</translation>
    </message>
    <message>
        <source>Pursued by</source>
        <translation>跟进人</translation>
    </message>
    <message>
        <source>Customers short of responsible staff</source>
        <translation>负责人员不足客户表</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要性</translation>
    </message>
    <message>
        <source>Responsible staff</source>
        <translation>负责人数</translation>
    </message>
    <message>
        <source>Responsible now</source>
        <translation>现负责人员</translation>
    </message>
    <message>
        <source>Repairs at risk</source>
        <translation>修理逾期预警表</translation>
    </message>
    <message>
        <source>Call no.</source>
        <translation>叫修单号</translation>
    </message>
    <message>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>上报情况</translation>
    </message>
    <message>
        <source>Promised within</source>
        <translation>承诺完成在</translation>
    </message>
    <message>
        <source>{days} working days, and every escalated one</source>
        <translation>{days} 个工作日内，及全部已上报的</translation>
    </message>
    <message>
        <source>Invoices to issue</source>
        <translation>待开发票表</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应开日期</translation>
    </message>
    <message>
        <source>Collected on site (yuan)</source>
        <translation>现场已收（元）</translation>
    </message>
    <message>
        <source>Calls waiting for dispatch</source>
        <translation>待派工叫修表</translation>
    </message>
    <message>
        <source>From an earlier day</source>
        <translation>前日遗留</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Arrive by</source>
        <translation>应到时间</translation>
    </message>
    <message>
        <source>Carried over</source>
        <translation>遗留</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Concerning</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Monthly technician report (summary)</source>
        <translation>技术员月报表（汇总）</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>A jobs</source>
        <translation>A 件数</translation>
    </message>
    <message>
        <source>B jobs</source>
        <translation>B 件数</translation>
    </message>
    <message>
        <source>C jobs</source>
        <translation>C 件数</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>合计件数</translation>
    </message>
    <message>
        <source>Arrived on time</source>
        <translation>准时到达</translation>
    </message>
    <message>
        <source>Arrived late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>准时率</translation>
    </message>
    <message>
        <source>Average response (h)</source>
        <translation>平均响应（小时）</translation>
    </message>
    <message>
        <source>Repairs completed</source>
        <translation>完修件数</translation>
    </message>
    <message>
        <source>Fees collected (yuan)</source>
        <translation>收费（元）</translation>
    </message>
    <message>
        <source>Survey cards</source>
        <translation>调查卡</translation>
    </message>
    <message>
        <source>Contract renewals decided this month: {renewed} renewed, {lost} not renewed, renewal rate {rate}</source>
        <translation>本月保养合同续约：续约 {renewed} 份，未续约 {lost} 份，续约率 {rate}</translation>
    </message>
    <message>
        <source>{keeper} {rate} ({renewed}/{decided})</source>
        <translation>{keeper} {rate}（{renewed}/{decided}）</translation>
    </message>
    <message>
        <source>none decided</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The {title} is printed for a period: give --from and --to.</source>
        <translation>{title}按期间打印：请给出 --from 和 --to。</translation>
    </message>
    <message>
        <source>The {title} is printed for a month: give --month, e.g. 2026-10.</source>
        <translation>{title}按月打印：请给出 --month，例如 2026-10。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to crm_desktop</source>
        <translation>登录 crm_desktop</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Forgot the administrator&apos;s password…</source>
        <translation>忘记管理员密码…</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>LostDialog</name>
    <message>
        <source>Contract not renewed: %1</source>
        <translation>未续约：%1</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>crm_desktop — after-sales service</source>
        <translation>crm_desktop — 售后服务</translation>
    </message>
    <message>
        <source>Dispatch board</source>
        <translation>派工板</translation>
    </message>
    <message>
        <source>Invoices to issue</source>
        <translation>待开发票</translation>
    </message>
    <message>
        <source>Repairs at risk</source>
        <translation>逾期维修预警</translation>
    </message>
    <message>
        <source>Renewals due</source>
        <translation>续约到期</translation>
    </message>
    <message>
        <source>Demo data: invented customers and calls for trying the program out. Log in as admin / admin123; colleagues by name with demo1234.</source>
        <translation>演示数据：虚构的客户和叫修，仅供试用。管理员登录名 admin，密码 admin123；其他员工以姓名登录，密码 demo1234。</translation>
    </message>
    <message>
        <source>New service &amp;call…</source>
        <translation>新建叫修(&amp;C)…</translation>
    </message>
    <message>
        <source>Register a call received by phone or letter</source>
        <translation>登记电话或信函叫修</translation>
    </message>
    <message>
        <source>New &amp;goods entry…</source>
        <translation>新建商品进出登记(&amp;G)…</translation>
    </message>
    <message>
        <source>Log goods taken back for repair</source>
        <translation>登记带回修理的客户商品</translation>
    </message>
    <message>
        <source>New &amp;repair card…</source>
        <translation>新建修理卡(&amp;R)…</translation>
    </message>
    <message>
        <source>Open a repair card for goods taken back</source>
        <translation>为带回的商品填写修理卡</translation>
    </message>
    <message>
        <source>New c&amp;ustomer…</source>
        <translation>新建客户(&amp;U)…</translation>
    </message>
    <message>
        <source>Customer &amp;archive…</source>
        <translation>客户档案(&amp;A)…</translation>
    </message>
    <message>
        <source>The selected customer&apos;s whole archive (with the permission to view archives)</source>
        <translation>所选客户的完整档案（需有查阅档案的权限）</translation>
    </message>
    <message>
        <source>Customers short of responsible &amp;staff…</source>
        <translation>负责人员不足的客户(&amp;S)…</translation>
    </message>
    <message>
        <source>Important or promising customers with fewer than two responsible staff (I10)</source>
        <translation>负责人员少于两名的重要或有潜力客户</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the selected record</source>
        <translation>打开所选记录</translation>
    </message>
    <message>
        <source>&amp;Dispatch…</source>
        <translation>派工(&amp;D)…</translation>
    </message>
    <message>
        <source>Assign a technician to the selected call</source>
        <translation>为所选叫修指派技术员</translation>
    </message>
    <message>
        <source>Change service &amp;kind…</source>
        <translation>更改服务类别(&amp;K)…</translation>
    </message>
    <message>
        <source>Override the proposed service kind, with a reason</source>
        <translation>更改系统建议的服务类别（须填写理由）</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Timetable and official holiday arrangement</source>
        <translation>作息时间与法定节假日安排</translation>
    </message>
    <message>
        <source>&amp;Charges…</source>
        <translation>收费标准(&amp;C)…</translation>
    </message>
    <message>
        <source>Labour rates and the parts price list</source>
        <translation>工时费标准和配件价目表</translation>
    </message>
    <message>
        <source>Maintenance &amp;contracts…</source>
        <translation>保养合同(&amp;C)…</translation>
    </message>
    <message>
        <source>The customers&apos; maintenance contracts (service kind B)</source>
        <translation>客户的保养合同（B 类服务）</translation>
    </message>
    <message>
        <source>&amp;Invoices to issue</source>
        <translation>待开发票(&amp;I)</translation>
    </message>
    <message>
        <source>Repairs at &amp;risk</source>
        <translation>逾期维修预警(&amp;R)</translation>
    </message>
    <message>
        <source>Switch &amp;user…</source>
        <translation>切换用户(&amp;U)…</translation>
    </message>
    <message>
        <source>Log in as someone else</source>
        <translation>以其他用户身份登录</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Departure &amp;hand-over…</source>
        <translation>离职交接(&amp;H)…</translation>
    </message>
    <message>
        <source>A leaving employee&apos;s customers, open calls and contracts to colleagues; a letter to each customer</source>
        <translation>把离职员工的客户、未结叫修和合同交给同事，并给每位客户发通知函</translation>
    </message>
    <message>
        <source>Audi&amp;t log…</source>
        <translation>审计日志(&amp;T)…</translation>
    </message>
    <message>
        <source>Who logged in, viewed, printed, exported and changed what (I7)</source>
        <translation>谁在何时登录、查阅、打印、导出和修改了什么</translation>
    </message>
    <message>
        <source>Staff and &amp;accounts…</source>
        <translation>员工与账号(&amp;A)…</translation>
    </message>
    <message>
        <source>The administrator adds colleagues and gives them one-time passwords</source>
        <translation>管理员新增同事并发放一次性密码</translation>
    </message>
    <message>
        <source>Bac&amp;kups and restore…</source>
        <translation>备份与恢复(&amp;K)…</translation>
    </message>
    <message>
        <source>The checked backups of the database: make one now, restore one</source>
        <translation>数据库的已检查备份：立即备份，或恢复某份备份</translation>
    </message>
    <message>
        <source>Working ca&amp;lendar…</source>
        <translation>工作日历(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Put back what the last edit of this session changed</source>
        <translation>恢复本次登录最近一次修改前的内容</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Make the edit just undone again</source>
        <translation>重新做刚才撤销的修改</translation>
    </message>
    <message>
        <source>Dispatch &amp;board</source>
        <translation>派工板(&amp;B)</translation>
    </message>
    <message>
        <source>Calls waiting for dispatch, carry-overs first, and the technicians&apos; open jobs</source>
        <translation>待派工的叫修（遗留优先）和技术员的在办工作</translation>
    </message>
    <message>
        <source>Contract re&amp;newals due</source>
        <translation>续约到期(&amp;N)</translation>
    </message>
    <message>
        <source>Renewal notices to send and renewals to decide, a month before contracts end</source>
        <translation>合同到期前一个月：应寄的保养到期通知书与待定的续约</translation>
    </message>
    <message>
        <source>&amp;Print selected…</source>
        <translation>打印所选(&amp;P)…</translation>
    </message>
    <message>
        <source>Preview and print the form of the selected rows: service vouchers, goods receipts or repair cards</source>
        <translation>预览并打印所选行的表单：服务凭证、商品领取收据或修理卡</translation>
    </message>
    <message>
        <source>&amp;Call register…</source>
        <translation>叫修登记簿(&amp;C)…</translation>
    </message>
    <message>
        <source>The call register&apos;s pages for a period</source>
        <translation>打印一段期间的叫修登记簿</translation>
    </message>
    <message>
        <source>&amp;Goods register…</source>
        <translation>客户商品进出登记簿(&amp;G)…</translation>
    </message>
    <message>
        <source>The goods in/out register&apos;s pages for a period</source>
        <translation>打印一段期间的客户商品进出登记簿</translation>
    </message>
    <message>
        <source>&amp;Repair card register…</source>
        <translation>修理卡登记簿(&amp;R)…</translation>
    </message>
    <message>
        <source>The repair cards opened in a period, with hours, labour and parts</source>
        <translation>某期间所开的修理卡，含工时、工费与零件费</translation>
    </message>
    <message>
        <source>&amp;Technician daily report…</source>
        <translation>技术员工作日报表(&amp;T)…</translation>
    </message>
    <message>
        <source>Each job of a technician&apos;s day with its kind and time (S10)</source>
        <translation>技术员当天每项工作的服务类别和用时</translation>
    </message>
    <message>
        <source>&amp;Supervisor daily report…</source>
        <translation>服务主任日报表(&amp;S)…</translation>
    </message>
    <message>
        <source>All technicians&apos; day by kind and time, for the manager&apos;s signature (S11, S12)</source>
        <translation>全体技术员当天按服务类别和用时汇总，供经理签字</translation>
    </message>
    <message>
        <source>C&amp;ustomer list…</source>
        <translation>客户一览表(&amp;U)…</translation>
    </message>
    <message>
        <source>The customer list as it is filtered and searched on screen (I2)</source>
        <translation>按屏幕上的筛选和搜索打印客户一览表</translation>
    </message>
    <message>
        <source>&amp;Daily reports…</source>
        <translation>日报表(&amp;D)…</translation>
    </message>
    <message>
        <source>A day&apos;s work by technician and kind (S10, S11); the manager signs it (S12)</source>
        <translation>按技术员和服务类别汇总一天的工作，由经理签字</translation>
    </message>
    <message>
        <source>&amp;Monthly technician report…</source>
        <translation>月度技术员报表(&amp;M)…</translation>
    </message>
    <message>
        <source>Each technician&apos;s month in an Excel workbook: jobs, hours, arrivals on time, fees, parts</source>
        <translation>每位技术员一个月的工作汇总成 Excel 工作簿：工作件数、工时、按时到达、收费、零件</translation>
    </message>
    <message>
        <source>Monthly summary on &amp;paper…</source>
        <translation>打印月报汇总(&amp;P)…</translation>
    </message>
    <message>
        <source>The monthly technician report&apos;s summary, one line per technician, to print</source>
        <translation>技术员月报的汇总，每位技术员一行，供打印</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel…</source>
        <translation>导出到 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Import customers…</source>
        <translation>导入客户(&amp;I)…</translation>
    </message>
    <message>
        <source>Customers and their products from an Excel workbook: checked row by row, all or none</source>
        <translation>从 Excel 工作簿导入客户及其产品：逐行检查，要么全部导入，要么都不导入</translation>
    </message>
    <message>
        <source>&amp;Branch details…</source>
        <translation>本单位信息(&amp;B)…</translation>
    </message>
    <message>
        <source>Name, address and telephone printed on every form</source>
        <translation>打印在每张表单上的名称、地址和电话</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>The register or list on screen, as searched and sorted, to an Excel workbook</source>
        <translation>把屏幕上的登记簿或清单按当前搜索与排序导出到 Excel 工作簿</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>快捷键(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;About crm_desktop</source>
        <translation>关于 crm_desktop(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;dit</source>
        <translation>编辑(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation>登记簿(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation>服务(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <source>R&amp;eports</source>
        <translation>报表(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s)</source>
        <translation>
            <numerusform>%1：共 %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Current user: none</source>
        <translation>当前用户：无</translation>
    </message>
    <message>
        <source>Current user: %1</source>
        <translation>当前用户：%1</translation>
    </message>
    <message>
        <source>Your password is changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>Hand-over %1 recorded: %2 customers, %3 calls, %4 contracts.</source>
        <translation>交接 %1 已记录：客户 %2 位，叫修 %3 件，合同 %4 份。</translation>
    </message>
    <message>
        <source>Overdue: %1  Due within 1 h: %2</source>
        <translation>已超时：%1 件  1 小时内到期：%2 件</translation>
    </message>
    <message>
        <source>Holiday arrangement missing</source>
        <translation>缺少节假日安排</translation>
    </message>
    <message>
        <source>Take back for repair</source>
        <translation>取回维修</translation>
    </message>
    <message>
        <source>Goods of a call are taken back once the technician has arrived: open the call and use its step 取回维修.</source>
        <translation>技术员到达后才能取回叫修的商品：请打开该叫修，使用其“取回维修”步骤。</translation>
    </message>
    <message>
        <source>The branch&apos;s name and address are not set: File → Branch details… puts them on every form.</source>
        <translation>尚未填写本单位名称和地址：在“文件 → 本单位信息…”中填写后，每张表单都会印上。</translation>
    </message>
    <message>
        <source>About crm_desktop</source>
        <translation>关于 crm_desktop</translation>
    </message>
    <message>
        <source>crm_desktop %1
After-sales service registers of the branch office.</source>
        <translation>crm_desktop %1
分公司售后服务登记簿。</translation>
    </message>
    <message>
        <source>&amp;Undo change of “{fields}”</source>
        <translation>撤销 修改“{fields}”(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo change of “{fields}”</source>
        <translation>重做 修改“{fields}”(&amp;R)</translation>
    </message>
    <message>
        <source>Undone: the change of “{fields}”.</source>
        <translation>已撤销：修改“{fields}”。</translation>
    </message>
    <message>
        <source>Redone: the change of “{fields}”.</source>
        <translation>已重做：修改“{fields}”。</translation>
    </message>
    <message>
        <source>The edit is taken off the undo list.</source>
        <translation>这次修改已从撤销列表中移除。</translation>
    </message>
</context>
<context>
    <name>MonthDialog</name>
    <message>
        <source>Monthly technician report</source>
        <translation>月度技术员报表</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Save as Excel…</source>
        <translation>另存为 Excel…</translation>
    </message>
</context>
<context>
    <name>MonthlyReport</name>
    <message>
        <source>Enter the month as year and month, for example 2026-10 (got “{text}”).</source>
        <translation>请按“年-月”输入月份，例如 2026-10（输入的是“{text}”）。</translation>
    </message>
    <message>
        <source>There is no month {month} in a year (1 to 12).</source>
        <translation>没有 {month} 月（月份应为 1 至 12）。</translation>
    </message>
    <message>
        <source>(no technician)</source>
        <translation>（未指定技术员）</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Renewals</source>
        <translation>续约</translation>
    </message>
    <message>
        <source>{branch} contract renewals decided in {year}-{month}</source>
        <translation>{branch} {year}年{month}月保养合同续约情况</translation>
    </message>
    <message>
        <source>Contract looked after by</source>
        <translation>合同负责人</translation>
    </message>
    <message>
        <source>Renewed</source>
        <translation>已续约</translation>
    </message>
    <message>
        <source>Not renewed</source>
        <translation>未续约</translation>
    </message>
    <message>
        <source>Renewal rate</source>
        <translation>续约率</translation>
    </message>
    <message>
        <source>Whole branch</source>
        <translation>全分公司</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>{branch} technicians&apos; monthly report, {year}-{month}</source>
        <translation>{branch} 技术员月报（{year}年{month}月）</translation>
    </message>
    <message>
        <source>{name}: jobs of {year}-{month}</source>
        <translation>{name} {year}年{month}月工作明细</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Jobs per technician, {year}-{month}</source>
        <translation>各技术员工作量（{year}年{month}月）</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>工作（项）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>A paid</source>
        <translation>A 有费</translation>
    </message>
    <message>
        <source>B contract</source>
        <translation>B 合同</translation>
    </message>
    <message>
        <source>C free</source>
        <translation>C 免费</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>现场</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>修理</translation>
    </message>
    <message>
        <source>{name} (left)</source>
        <translation>{name}（已离职）</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Jobs by kind (S1)</source>
        <translation>按服务类别的工作（项）</translation>
    </message>
    <message>
        <source>On site and taken back</source>
        <translation>现场与带回修理</translation>
    </message>
    <message>
        <source>Working
hours</source>
        <translation>工时
（小时）</translation>
    </message>
    <message>
        <source>Arrival within the deadline (S14)</source>
        <translation>到达时限（市区 6、郊区 7 个工作小时）</translation>
    </message>
    <message>
        <source>Repairs and fees</source>
        <translation>修理与收费</translation>
    </message>
    <message>
        <source>Customer survey averages (S16)</source>
        <translation>客户意见调查平均分</translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation>工作合计</translation>
    </message>
    <message>
        <source>On-site
jobs</source>
        <translation>现场
服务</translation>
    </message>
    <message>
        <source>Workshop
repairs</source>
        <translation>车间
修理</translation>
    </message>
    <message>
        <source>Calls
taken back</source>
        <translation>带回
修理</translation>
    </message>
    <message>
        <source>Arrivals</source>
        <translation>到达
次数</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>准时</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>On-time
rate</source>
        <translation>准时率</translation>
    </message>
    <message>
        <source>Response
(working min.)</source>
        <translation>响应合计
（工作分钟）</translation>
    </message>
    <message>
        <source>Average response
(working hours)</source>
        <translation>平均响应
（工作小时）</translation>
    </message>
    <message>
        <source>Repairs
completed</source>
        <translation>完成
修理</translation>
    </message>
    <message>
        <source>Parts cost</source>
        <translation>配件金额</translation>
    </message>
    <message>
        <source>Fees
collected</source>
        <translation>收取
费用</translation>
    </message>
    <message>
        <source>Survey
cards</source>
        <translation>调查卡
（张）</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>态度</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>技术</translation>
    </message>
    <message>
        <source>Arrival
time</source>
        <translation>到达
时间</translation>
    </message>
    <message>
        <source>Promises
kept</source>
        <translation>答应事情
的办理</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Call no.</source>
        <translation>叫修单号</translation>
    </message>
    <message>
        <source>Repair card</source>
        <translation>修理卡号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>服务类别</translation>
    </message>
    <message>
        <source>On site /
repair</source>
        <translation>现场/
修理</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Arrival due</source>
        <translation>到达期限</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>What the figures count</source>
        <translation>统计口径说明</translation>
    </message>
    <message>
        <source>Month: from {start} 00:00 up to, not including, {end} 00:00 (local time).</source>
        <translation>统计期间：自 {start} 00:00 起，至 {end} 00:00 止（不含该时刻），本地时间。</translation>
    </message>
    <message>
        <source>Job: one line of the work log (one visit or one repair) dated in the month; lines whose step was taken back by a supervisor are not counted. Kind: the job&apos;s service kind when it was recorded.</source>
        <translation>工作：工作记录中日期在本月的一行，即一次上门服务或一次修理；服务主任撤回的步骤所记的工作不计。服务类别：记录该工作时的服务类别（A 有费、B 合同、C 免费）。</translation>
    </message>
    <message>
        <source>On-site jobs: visits (a visit that ended in taking the goods back counts here). Workshop repairs: repairs finished in the workshop. Calls taken back: goods taken back in the month by the technician (goods register), not counting a take-back that was taken back.</source>
        <translation>现场服务：上门服务的次数（上门后把商品带回修理的那次上门也计在内）。车间修理：在车间完成修理的次数。带回修理：本月由该技术员带回修理的叫修数（以客户商品进出登记簿为准，被撤回的带回不计）。</translation>
    </message>
    <message>
        <source>Working hours: the sum of the jobs&apos; hours in the work log.</source>
        <translation>工时：上述各项工作所记工时之和。</translation>
    </message>
    <message>
        <source>Arrivals (S14): calls the technician arrived at in the month; on time when the arrival was not later than the deadline (6 working hours in the city, 7 in the suburbs, from the call). On-time rate = on time ÷ arrivals.</source>
        <translation>到达：本月技术员到达客户处的叫修；到达时间不晚于到达期限（自叫修起，市区 6 个、郊区 7 个工作小时）为准时，否则为超时。准时率 = 准时 ÷ 到达次数。</translation>
    </message>
    <message>
        <source>Response: working time from the call to the arrival on the branch&apos;s working calendar, in working minutes; average response = their sum ÷ arrivals, in working hours.</source>
        <translation>响应：自叫修至到达、按本分公司工作日历计算的工作时间（工作分钟）；平均响应 = 响应合计 ÷ 到达次数，以工作小时计。</translation>
    </message>
    <message>
        <source>Repairs completed: repair cards whose repair was finished in the month (the last time, if the inspection sent it back), by the technician who finished it. Parts cost: quantity × unit price of those cards&apos; parts.</source>
        <translation>完成修理：本月修理完成的修理卡（检验不合格返修的，以最后一次完成为准），计入完成修理的技术员。配件金额：这些修理卡所用配件的数量 × 单价。</translation>
    </message>
    <message>
        <source>Fees collected (S5): fees collected on site in the month, at the time the collection was recorded (the fee step, or the completion on site that recorded it).</source>
        <translation>收取费用：本月现场收取的费用，以记录收费的时间为准（收费步骤，或记下现场收费的现场完工步骤）。</translation>
    </message>
    <message>
        <source>Survey averages (S16): the average of each item over the month&apos;s survey cards of the technician; blank where there are no cards.</source>
        <translation>调查平均分：该技术员本月客户意见调查卡各项评分的平均值；没有调查卡的留空。</translation>
    </message>
    <message>
        <source>Detail sheets: every job of the month. Arrival due, arrival and on time are shown on visits; the call&apos;s fee and the repair card&apos;s parts cost on the call&apos;s latest job, so that no fee is counted twice.</source>
        <translation>明细表：本月的每一项工作。到达期限、到达时间和是否准时列在上门服务行；叫修的费用和修理卡的配件金额列在该叫修最后一项工作的行上，同一笔费用不重复计算。</translation>
    </message>
    <message>
        <source>Totals, on-time rates and average responses are Excel formulas over the rows above them.</source>
        <translation>合计、准时率和平均响应均为 Excel 公式，按上方各行计算。</translation>
    </message>
    <message>
        <source>Made by the program on {at} from the records of {branch}.</source>
        <translation>本表由程序于 {at} 根据{branch}的记录生成。</translation>
    </message>
    <message>
        <source>Monthly report {year}-{month} written to {file}: {technicians} technicians, {jobs} jobs.</source>
        <translation>已生成{year}年{month}月技术员月报：{file}（{technicians} 名技术员，{jobs} 项工作）。</translation>
    </message>
    <message>
        <source>The monthly report was cancelled: no file was written.</source>
        <translation>已取消生成技术员月报，未写入文件。</translation>
    </message>
    <message>
        <source>The file {file} cannot be replaced: it may be open in Excel. Close it and try again.</source>
        <translation>无法覆盖文件 {file}：它可能正在 Excel 中打开。请关闭后重试。</translation>
    </message>
    <message>
        <source>The report cannot be written to {folder}: {reason}</source>
        <translation>无法将报表写入 {folder}：{reason}</translation>
    </message>
</context>
<context>
    <name>MonthlyReportAction</name>
    <message>
        <source>Technicians %1</source>
        <translation>技术员月报 %1</translation>
    </message>
    <message>
        <source>Save the monthly report</source>
        <translation>保存月度报表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Computing the month and writing the workbook…</source>
        <translation>正在统计本月数据并写入工作簿…</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Monthly technician report</source>
        <translation>月度技术员报表</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Monthly report written to %1</source>
        <translation>月度报表已写入 %1</translation>
    </message>
</context>
<context>
    <name>NameSearch</name>
    <message>
        <source>One letter is too broad to find names by pinyin: type two letters or more (zw finds Zhang Wei).</source>
        <translation>一个字母范围太大，无法按拼音查找名称：请输入两个或更多字母（如 zw 可找到张伟）。</translation>
    </message>
</context>
<context>
    <name>NewStaffDialog</name>
    <message>
        <source>New member of staff</source>
        <translation>新增员工</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Login name (default: the name)</source>
        <translation>登录名（默认为姓名）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>NoticeSentDialog</name>
    <message>
        <source>Renewal notice sent: %1</source>
        <translation>已寄到期通知书：%1</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>寄出日期</translation>
    </message>
    <message>
        <source>How</source>
        <translation>寄发方式</translation>
    </message>
    <message>
        <source>Pursued by</source>
        <translation>跟进人</translation>
    </message>
    <message>
        <source>(the contract&apos;s keeper)</source>
        <translation>（合同负责人）</translation>
    </message>
</context>
<context>
    <name>Numbering</name>
    <message>
        <source>Unknown part {{{token}}} in the number pattern {pattern}.</source>
        <translation>编号规则 {pattern} 中有无法识别的部分 {{{token}}}。</translation>
    </message>
    <message>
        <source>A number pattern needs exactly one {{seq}} part: {pattern}</source>
        <translation>编号规则中必须有且只有一个 {{seq}} 部分：{pattern}</translation>
    </message>
</context>
<context>
    <name>PaymentMethod</name>
    <message>
        <source>Collected on site</source>
        <translation>现场收费</translation>
    </message>
    <message>
        <source>Invoice, collect later</source>
        <translation>开票后收款</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>Print %1</source>
        <translation>打印%1</translation>
    </message>
    <message>
        <source>From</source>
        <translation>自</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Every technician who worked that day</source>
        <translation>当天有工作记录的每位技术员</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
</context>
<context>
    <name>Pricing</name>
    <message>
        <source>Enter the quote margin, a percentage from 0 to 100.</source>
        <translation>请填写报价允许偏差，0 到 100 之间的百分数。</translation>
    </message>
    <message>
        <source>Choose on-site work or workshop repair.</source>
        <translation>请选择现场服务或送修。</translation>
    </message>
    <message>
        <source>Enter the date the rate applies from.</source>
        <translation>请输入该收费标准的生效日期。</translation>
    </message>
    <message>
        <source>Enter the hourly rate.</source>
        <translation>请输入每小时工时费。</translation>
    </message>
    <message>
        <source>Enter the part number.</source>
        <translation>请输入配件编号。</translation>
    </message>
    <message>
        <source>Enter the name of the part.</source>
        <translation>请输入配件名称。</translation>
    </message>
    <message>
        <source>Enter the unit price.</source>
        <translation>请输入单价。</translation>
    </message>
    <message>
        <source>Part {part_no} is no longer in the price list; enter its price.</source>
        <translation>配件 {part_no} 已不在价目表中，请输入其单价。</translation>
    </message>
    <message>
        <source>Line {other} already has a rate for this kind of work from {day}.</source>
        <translation>第 {other} 行已有此类工作自 {day} 起的工时费标准。</translation>
    </message>
    <message>
        <source>Part number {part_no} is already on line {other}.</source>
        <translation>零件编号 {part_no} 已在第 {other} 行。</translation>
    </message>
</context>
<context>
    <name>PricingDialog</name>
    <message>
        <source>Charges</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Labour rates</source>
        <translation>工时费标准</translation>
    </message>
    <message>
        <source>Parts price list</source>
        <translation>零件价目表</translation>
    </message>
    <message>
        <source>A rate applies from its date on; jobs done earlier keep the rate of their day. A rate in force is not changed: add a new one from the day it applies.</source>
        <translation>工时费标准自生效日起执行；此前的服务仍按当日标准计费。已生效的标准不能修改：请从新标准执行之日起另加一行。</translation>
    </message>
    <message>
        <source>Kind of work</source>
        <translation>工作类别</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Hourly rate (yuan)</source>
        <translation>每小时工时费（元）</translation>
    </message>
    <message>
        <source>Minimum fee (yuan)</source>
        <translation>最低收费（元）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add a rate</source>
        <translation>新增工时费标准</translation>
    </message>
    <message>
        <source>Remove unsaved line</source>
        <translation>删除未保存的行</translation>
    </message>
    <message>
        <source>Quote margin (%)</source>
        <translation>报价允许偏差（%）</translation>
    </message>
    <message>
        <source>a quote further from the computed fee than this (0 to 100) needs a reason</source>
        <translation>报价与计算费用相差超过此比例（0–100）时须说明原因</translation>
    </message>
    <message>
        <source>Filter by part number or name</source>
        <translation>按零件编号或名称筛选</translation>
    </message>
    <message>
        <source>Part no.</source>
        <translation>零件编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit price (yuan)</source>
        <translation>单价（元）</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Add part</source>
        <translation>新增零件</translation>
    </message>
    <message>
        <source>No longer offered</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>The selected parts leave the list; repair cards that used them keep them.</source>
        <translation>所选零件不再列入价目表；已用过它们的修理卡不受影响。</translation>
    </message>
    <message>
        <source>Applies from %1</source>
        <translation>自 %1 起执行</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>现行</translation>
    </message>
    <message>
        <source>Earlier rate (history)</source>
        <translation>旧标准（历史）</translation>
    </message>
    <message>
        <source>New, not saved yet</source>
        <translation>新增，尚未保存</translation>
    </message>
    <message>
        <source>%1 parts, %2 offered, %3 shown</source>
        <translation>共 %1 种零件，在用 %2 种，显示 %3 种</translation>
    </message>
    <message>
        <source>Line %1, %2: %3</source>
        <translation>第 %1 行，%2：%3</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>Some text did not fit its box in the form&apos;s layout (%1) and was cut.</source>
        <translation>表单版式中有框太小（%1），其中的文字被截断。</translation>
    </message>
    <message>
        <source>Drawing %1 forms…</source>
        <translation>正在生成 %1 份表单…</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>The printer could not be started. Check that it is on and connected.</source>
        <translation>无法启动打印机。请检查打印机是否已开机并已连接。</translation>
    </message>
    <message>
        <source>Sending the pages to the printer…</source>
        <translation>正在把页面发送到打印机…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save %1. It may be open in another program, or the folder may be read-only.</source>
        <translation>无法保存 %1。该文件可能正被其他程序打开，或文件夹不可写。</translation>
    </message>
    <message>
        <source>Some text did not fit its box even at the smallest size and was cut with “…” (%1 form(s)); the layout&apos;s boxes: %2</source>
        <translation>有文字在最小字号下仍放不进版面的格子，已用“…”截断（共 %1 份）；版面的格子：%2</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>适合页面</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>共 %1 页</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>There is no {form} numbered “{number}”.</source>
        <translation>没有编号为“{number}”的{form}。</translation>
    </message>
    <message>
        <source>There is no form called “{form}”. Forms: {forms}.</source>
        <translation>没有名为“{form}”的表单。可用的表单：{forms}。</translation>
    </message>
    <message>
        <source>The period ends ({end}) before it begins ({start}).</source>
        <translation>期间的结束日（{end}）早于开始日（{start}）。</translation>
    </message>
    <message>
        <source>No technician logged any work on {day}.</source>
        <translation>{day} 没有任何技术员的工作记录。</translation>
    </message>
    <message>
        <source>There is no technician called “{name}”.</source>
        <translation>没有名叫“{name}”的技术员。</translation>
    </message>
    <message>
        <source>VOID</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>{answer} ({who})</source>
        <translation>{answer}（{who}）</translation>
    </message>
    <message>
        <source>In the workshop</source>
        <translation>在修</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已归还</translation>
    </message>
    <message>
        <source>Receipt voided</source>
        <translation>收据作废</translation>
    </message>
    <message>
        <source>Workshop repair (card {card_no}): {work}</source>
        <translation>送修（修理卡 {card_no}）：{work}</translation>
    </message>
    <message>
        <source>Parts fitted: {parts}</source>
        <translation>更换零件：{parts}</translation>
    </message>
    <message>
        <source>{name} × {quantity}</source>
        <translation>{name} × {quantity}</translation>
    </message>
    <message>
        <source>Signed by {name} at {at}</source>
        <translation>{name}（{at}）</translation>
    </message>
    <message>
        <source>Added after the signature: {technician} {call_no} {kind} {mode} {hours} h (recorded {at} by {by})</source>
        <translation>签字后补录：{technician} {call_no} {kind} {mode} {hours} 小时（{at} 由 {by} 录入）</translation>
    </message>
    <message>
        <source>Taken back after the signature: {technician} {call_no} {kind} {mode} {hours} h ({at}, {by})</source>
        <translation>签字后撤销：{technician} {call_no} {kind} {mode} {hours} 小时（{at}，{by}）</translation>
    </message>
    <message>
        <source>Corrected totals: {jobs} jobs, {hours} h</source>
        <translation>更正后合计：{jobs} 件，{hours} 小时</translation>
    </message>
    <message>
        <source>repair card</source>
        <translation>修理卡</translation>
    </message>
    <message>
        <source>goods receipt</source>
        <translation>客户商品领取收据</translation>
    </message>
    <message>
        <source>service voucher</source>
        <translation>服务凭证</translation>
    </message>
    <message>
        <source>call register</source>
        <translation>叫修登记簿</translation>
    </message>
    <message>
        <source>goods register</source>
        <translation>客户商品进出登记簿</translation>
    </message>
    <message>
        <source>technician daily report</source>
        <translation>技术员工作日报表</translation>
    </message>
    <message>
        <source>supervisor daily report</source>
        <translation>服务主任日报表</translation>
    </message>
    <message>
        <source>customer list</source>
        <translation>客户一览表</translation>
    </message>
    <message>
        <source>contract renewal notice</source>
        <translation>保养到期通知书</translation>
    </message>
    <message>
        <source>hand-over notification letter</source>
        <translation>业务联系人变更通知函</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>{what}: {value}</source>
        <translation>{what}：{value}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{code} ({label})</source>
        <translation>{code}（{label}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{what} “{value}” is unknown. Use one of: {choices}.</source>
        <translation>{what}“{value}”无效。可选：{choices}。</translation>
    </message>
    <message>
        <source>There is no member of staff called “{name}”.</source>
        <translation>没有名叫“{name}”的员工。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>VIP level</source>
        <translation>VIP 等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Responsible staff</source>
        <translation>负责人员</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>service visits as needed</source>
        <translation>服务次数不限</translation>
    </message>
    <message>
        <source>{visits} service visits included</source>
        <translation>含服务 {visits} 次</translation>
    </message>
    <message>
        <source>Sir or Madam</source>
        <translation>先生／女士</translation>
    </message>
    <message>
        <source>Day-to-day business and your customer file</source>
        <translation>日常业务联系及客户档案</translation>
    </message>
    <message>
        <source>The printing was cancelled: nothing was printed.</source>
        <translation>打印已取消：没有打印任何内容。</translation>
    </message>
</context>
<context>
    <name>Process</name>
    <message>
        <source>registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>dispatch</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>arrival</source>
        <translation>到达</translation>
    </message>
    <message>
        <source>completed on site</source>
        <translation>现场完成</translation>
    </message>
    <message>
        <source>customer&apos;s signature</source>
        <translation>客户签字</translation>
    </message>
    <message>
        <source>struck off</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>taken back for repair</source>
        <translation>取回维修</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>报价</translation>
    </message>
    <message>
        <source>customer&apos;s answer to the quote</source>
        <translation>客户答复报价</translation>
    </message>
    <message>
        <source>repair started</source>
        <translation>开始维修</translation>
    </message>
    <message>
        <source>repair finished</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>主任检验</translation>
    </message>
    <message>
        <source>goods returned</source>
        <translation>交还客户</translation>
    </message>
    <message>
        <source>returned unrepaired</source>
        <translation>未修交还</translation>
    </message>
    <message>
        <source>receipt voided</source>
        <translation>收据作废</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>fee set</source>
        <translation>确定费用</translation>
    </message>
    <message>
        <source>fee collected</source>
        <translation>收取费用</translation>
    </message>
    <message>
        <source>fee handed to the accountant</source>
        <translation>费用交会计</translation>
    </message>
    <message>
        <source>invoice issued</source>
        <translation>开具发票</translation>
    </message>
    <message>
        <source>escalated to the supervisor</source>
        <translation>上报服务主任</translation>
    </message>
    <message>
        <source>service kind changed</source>
        <translation>更改服务类别</translation>
    </message>
    <message>
        <source>handed over to another technician</source>
        <translation>转交其他技术员</translation>
    </message>
    <message>
        <source>step taken back</source>
        <translation>撤销步骤</translation>
    </message>
    <message>
        <source>Call {call_no} is “{status}”: the step “{step}” is not possible now.</source>
        <translation>叫修 {call_no} 目前为“{status}”，现在不能进行“{step}”。</translation>
    </message>
    <message>
        <source>Call {call_no} is “{status}”: no further step is possible.</source>
        <translation>叫修 {call_no} 已“{status}”，不能再进行任何处理。</translation>
    </message>
    <message>
        <source>The service call cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该叫修单（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>Enter the date and time of this step.</source>
        <translation>请输入此步骤的日期和时间。</translation>
    </message>
    <message>
        <source>This time is before the call was received ({received_at}).</source>
        <translation>该时间早于叫修登记时间（{received_at}）。</translation>
    </message>
    <message>
        <source>This time is before the previous step “{step}” ({at}); steps are recorded in order.</source>
        <translation>该时间早于上一步骤“{step}”（{at}），各步骤须按先后顺序记录。</translation>
    </message>
    <message>
        <source>This time ({at}) is in the future.</source>
        <translation>该时间（{at}）在将来。</translation>
    </message>
    <message>
        <source>{name} is not a supervisor: only a supervisor may {what}.</source>
        <translation>{name} 不是服务主任：只有服务主任才能{what}。</translation>
    </message>
    <message>
        <source>{name} is not an accountant: only an accountant records invoices.</source>
        <translation>{name} 不是会计员：只有会计员才能登记发票。</translation>
    </message>
    <message>
        <source>{name} no longer works here (inactive).</source>
        <translation>{name} 已不在职（停用）。</translation>
    </message>
    <message>
        <source>Choose who records this step.</source>
        <translation>请选择记录此步骤的人员。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>dispatch calls</source>
        <translation>派工</translation>
    </message>
    <message>
        <source>Describe the work done.</source>
        <translation>请填写所做的工作。</translation>
    </message>
    <message>
        <source>Enter the time spent (hours).</source>
        <translation>请输入所用工时（小时）。</translation>
    </message>
    <message>
        <source>A {kind} job carries no fee; change the service kind first if the customer pays.</source>
        <translation>{kind} 类服务不收费；如客户需付费，请先更改服务类别。</translation>
    </message>
    <message>
        <source>Enter the fee: no labour rate is set for this kind of work.</source>
        <translation>请输入费用：此类工作尚未设定工时费标准。</translation>
    </message>
    <message>
        <source>The computed fee is {computed}; give the reason for charging {fee}.</source>
        <translation>按标准计算的费用为 {computed}，收取 {fee} 请说明原因。</translation>
    </message>
    <message>
        <source>Choose whether the fee was collected on site or is to be invoiced.</source>
        <translation>请选择费用是现场收取还是开票后收款。</translation>
    </message>
    <message>
        <source>Enter the amount collected.</source>
        <translation>请输入实收金额。</translation>
    </message>
    <message>
        <source>Enter the name of the person who signed.</source>
        <translation>请输入签字人姓名。</translation>
    </message>
    <message>
        <source>A paid job is signed with its fee: set the fee first.</source>
        <translation>有费服务须连同费用签字：请先确定费用。</translation>
    </message>
    <message>
        <source>Call {call_no} has no repair card.</source>
        <translation>叫修 {call_no} 没有修理卡。</translation>
    </message>
    <message>
        <source>Only a paid repair (A) needs a quote.</source>
        <translation>只有有费维修（A）才需要报价。</translation>
    </message>
    <message>
        <source>Enter the amount quoted.</source>
        <translation>请输入报价金额。</translation>
    </message>
    <message>
        <source>Record the quote before the customer&apos;s answer to it.</source>
        <translation>请先登记报价，再登记客户的答复。</translation>
    </message>
    <message>
        <source>Enter who answered for the customer.</source>
        <translation>请输入代表客户答复的人。</translation>
    </message>
    <message>
        <source>Choose how the customer answered: by phone, in person or by letter.</source>
        <translation>请选择客户答复的方式：电话、当面或信函。</translation>
    </message>
    <message>
        <source>A paid repair starts only after the customer agreed to the quote; a customer who declines gets the goods back unrepaired.</source>
        <translation>有费维修须在客户同意报价后才能开始；客户不同意的，商品未修交还。</translation>
    </message>
    <message>
        <source>Enter the actual repair time (hours).</source>
        <translation>请输入实际维修工时（小时）。</translation>
    </message>
    <message>
        <source>Choose the technician who did the repair.</source>
        <translation>请选择完成维修的技术员。</translation>
    </message>
    <message>
        <source>inspect repairs</source>
        <translation>检验维修</translation>
    </message>
    <message>
        <source>Say what is wrong: the repair goes back to the technician with it.</source>
        <translation>请说明问题所在：维修将连同意见退回技术员。</translation>
    </message>
    <message>
        <source>Receipt {receipt_no} is not the receipt of these goods.</source>
        <translation>收据 {receipt_no} 不是这件商品的收据。</translation>
    </message>
    <message>
        <source>The repair of call {call_no} has not passed the supervisor&apos;s inspection: the goods cannot go back yet (or return them unrepaired).</source>
        <translation>叫修 {call_no} 的维修尚未通过服务主任检验，商品还不能交还（或按未修交还处理）。</translation>
    </message>
    <message>
        <source>Say why the goods go back unrepaired.</source>
        <translation>请说明商品未修交还的原因。</translation>
    </message>
    <message>
        <source>Call {call_no} has no goods in the goods register.</source>
        <translation>叫修 {call_no} 在客户商品进出登记簿中没有商品。</translation>
    </message>
    <message>
        <source>The fee computed for {hours} h and the parts on the card is {computed}; the quote of {amount} is more than {margin}% from it: give the reason.</source>
        <translation>按 {hours} 小时工时和修理卡上的配件计算的费用为 {computed}，报价 {amount} 与之相差超过 {margin}%，请说明原因。</translation>
    </message>
    <message>
        <source>The fee of {fee} for call {call_no} is neither collected nor to be invoiced: record it as collected, or mark it to be invoiced, before closing.</source>
        <translation>叫修 {call_no} 的费用 {fee} 既未收取，也未标记为开票后收款：请先登记收取费用，或标记为开票后收款，再结案。</translation>
    </message>
    <message>
        <source>Enter the number of the receipt handed back, or, if the customer lost it, the identity document checked.</source>
        <translation>请输入客户交回的收据号；客户遗失收据的，请输入核验的身份证件。</translation>
    </message>
    <message>
        <source>There is no goods receipt numbered {receipt_no}.</source>
        <translation>没有号码为 {receipt_no} 的商品领取收据。</translation>
    </message>
    <message>
        <source>Receipt {receipt_no} was voided on {at} and is no longer valid.</source>
        <translation>收据 {receipt_no} 已于 {at} 作废，不再有效。</translation>
    </message>
    <message>
        <source>The goods of call {call_no} are with us: give them back (unrepaired if need be) instead of cancelling the call.</source>
        <translation>叫修 {call_no} 的商品在我方：请交还商品（必要时按未修交还），而不是取消叫修。</translation>
    </message>
    <message>
        <source>Give the reason for cancelling the call.</source>
        <translation>请说明取消叫修的原因。</translation>
    </message>
    <message>
        <source>Invoice {invoice_no} is already issued for this fee.</source>
        <translation>此费用已开具发票 {invoice_no}。</translation>
    </message>
    <message>
        <source>Enter the fee.</source>
        <translation>请输入费用。</translation>
    </message>
    <message>
        <source>Only a paid job (A) has a fee to collect or invoice.</source>
        <translation>只有有费服务（A）才需收费或开票。</translation>
    </message>
    <message>
        <source>Set the fee first.</source>
        <translation>请先确定费用。</translation>
    </message>
    <message>
        <source>No fee was collected on site for this call.</source>
        <translation>此叫修没有现场收取的费用。</translation>
    </message>
    <message>
        <source>This fee was already handed over on {at}.</source>
        <translation>此费用已于 {at} 交会计。</translation>
    </message>
    <message>
        <source>Enter the invoice number.</source>
        <translation>请输入发票号码。</translation>
    </message>
    <message>
        <source>Invoice {invoice_no} is already recorded for this call.</source>
        <translation>此叫修已登记发票 {invoice_no}。</translation>
    </message>
    <message>
        <source>Invoice {invoice_no} is already recorded for call {call_no}.</source>
        <translation>发票 {invoice_no} 已登记在叫修 {call_no} 上。</translation>
    </message>
    <message>
        <source>Invoice {invoice_no} is already issued: the service kind cannot change.</source>
        <translation>已开具发票 {invoice_no}，服务类别不能再更改。</translation>
    </message>
    <message>
        <source>Give the reason for handing the call over.</source>
        <translation>请填写转交叫修的原因。</translation>
    </message>
    <message>
        <source>Call {call_no} has no technician yet: dispatch it instead.</source>
        <translation>叫修 {call_no} 尚未派工：请直接派工。</translation>
    </message>
    <message>
        <source>{name} has no work on call {call_no}.</source>
        <translation>{name} 在叫修 {call_no} 上没有工作。</translation>
    </message>
    <message>
        <source>Call {call_no} is already {name}&apos;s.</source>
        <translation>叫修 {call_no} 已由 {name} 负责。</translation>
    </message>
    <message>
        <source>Say why the repair will miss its promised date and what is needed.</source>
        <translation>请说明维修为何不能按期完成以及需要什么。</translation>
    </message>
    <message>
        <source>take back a step</source>
        <translation>撤销步骤</translation>
    </message>
    <message>
        <source>Give the reason for taking the step back.</source>
        <translation>请说明撤销此步骤的原因。</translation>
    </message>
    <message>
        <source>Call {call_no} has no step to take back; cancel the call instead.</source>
        <translation>叫修 {call_no} 没有可撤销的步骤；如需要请取消叫修。</translation>
    </message>
    <message>
        <source>The step “{step}” was recorded without its details and cannot be taken back.</source>
        <translation>“{step}”步骤记录时没有保存详细内容，不能撤销。</translation>
    </message>
    <message>
        <source>The step “{step}” cannot be taken back: a voided receipt stays voided.</source>
        <translation>“{step}”步骤不能撤销：作废的收据始终作废。</translation>
    </message>
    <message>
        <source>Describe the condition of the goods as taken in: scratches, dents, missing parts, or no visible damage.</source>
        <translation>请填写收取时商品的外观：划痕、凹痕、缺件，或外观完好。</translation>
    </message>
    <message>
        <source>List the accessories taken in with the goods, or tick “No accessories”.</source>
        <translation>请填写随商品收取的配件，或勾选“无附件”。</translation>
    </message>
    <message>
        <source>Accessories are listed and “No accessories” is ticked: keep only one of the two.</source>
        <translation>已填写配件，又勾选了“无附件”：两者只能保留一个。</translation>
    </message>
</context>
<context>
    <name>ProcessPanel</name>
    <message>
        <source>Take back the last step…</source>
        <translation>撤销上一步…</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>technician %1</source>
        <translation>技术员 %1</translation>
    </message>
    <message>
        <source>No further step: the call is “%1”.</source>
        <translation>没有后续步骤：叫修已“%1”。</translation>
    </message>
    <message>
        <source>Choose who is using the program first: every step records who took it.</source>
        <translation>请先选择当前用户：每一步都记录经办人。</translation>
    </message>
    <message>
        <source>Only an accountant records invoices; %1 is not an accountant.</source>
        <translation>只有会计员才能登记发票；%1 不是会计员。</translation>
    </message>
    <message>
        <source>Only the service supervisor may do this; %1 is not a supervisor.</source>
        <translation>只有服务主任才能执行此步骤；%1 不是服务主任。</translation>
    </message>
    <message>
        <source>There is no step to take back.</source>
        <translation>没有可撤销的步骤。</translation>
    </message>
    <message>
        <source>Takes back “%1”, with a reason.</source>
        <translation>撤销“%1”，须说明原因。</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>The work was cancelled: nothing was changed.</source>
        <translation>操作已取消：没有做任何更改。</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <source>Customer archive</source>
        <translation>客户档案</translation>
    </message>
</context>
<context>
    <name>QuoteDialog</name>
    <message>
        <source>Quoted at</source>
        <translation>报价时间</translation>
    </message>
    <message>
        <source>Amount quoted</source>
        <translation>报价金额</translation>
    </message>
    <message>
        <source>Estimated repair hours</source>
        <translation>预计维修工时</translation>
    </message>
    <message>
        <source>Computed fee</source>
        <translation>计算费用</translation>
    </message>
    <message>
        <source>Reason for this quote</source>
        <translation>报价原因</translation>
    </message>
    <message>
        <source>A new quote needs a new answer from the customer.</source>
        <translation>重新报价后须客户重新答复。</translation>
    </message>
    <message>
        <source>a quote more than %1% away needs a reason</source>
        <translation>报价偏差超过 %1% 须说明原因</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>This text is longer than the form prints: {length} characters, of which the form shows {max}. It is kept whole; a change of it must bring it to at most {max} characters.</source>
        <translation>此处文字超过表单能印出的长度：共 {length} 字，表单只能印出 {max} 字。原文已完整保留；如要修改，请删减到 {max} 字以内。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Preview, print or save this record&apos;s form as PDF (as last saved)</source>
        <translation>预览、打印本记录的表单或另存为 PDF（按最后保存的内容）</translation>
    </message>
</context>
<context>
    <name>RecordHistory</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>After</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>undo of the change of {at}</source>
        <translation>撤销 {at} 的修改</translation>
    </message>
    <message>
        <source>redo: takes back the undo of {at}</source>
        <translation>重做：撤回 {at} 的撤销</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Reset the administrator&apos;s password</source>
        <translation>重设管理员密码</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>恢复码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再输一次新密码</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>The password is reset. The old recovery code is used up; the new one is %1 — write it down and keep it safe.</source>
        <translation>密码已重设。原恢复码已作废，新的恢复码是 %1——请抄下并妥善保管。</translation>
    </message>
</context>
<context>
    <name>Register</name>
    <message>
        <source>Service call register</source>
        <translation>叫修登记簿</translation>
    </message>
    <message>
        <source>Call no.</source>
        <translation>叫修单号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>叫修时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Product model</source>
        <translation>产品型号</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>服务类别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Arrival due</source>
        <translation>到达期限</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>派工时间</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>Struck off / closed</source>
        <translation>注销/结案时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Search call no., customer, phone, address, model, serial no.</source>
        <translation>搜索叫修单号、客户、电话、地址、型号、序列号</translation>
    </message>
    <message>
        <source>Goods in/out register</source>
        <translation>客户商品进出登记簿</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>收据编号</translation>
    </message>
    <message>
        <source>Taken in</source>
        <translation>带回时间</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Accessories</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>商品状况</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>约定日期</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>送还时间</translation>
    </message>
    <message>
        <source>Signed for by</source>
        <translation>签收人</translation>
    </message>
    <message>
        <source>Receipt voided</source>
        <translation>收据作废</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Search receipt no., customer, phone, model, serial no.</source>
        <translation>搜索收据编号、客户、电话、型号、序列号</translation>
    </message>
    <message>
        <source>Repair cards</source>
        <translation>修理卡</translation>
    </message>
    <message>
        <source>Card no.</source>
        <translation>修理卡号</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开卡时间</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>修理内容</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>工时</translation>
    </message>
    <message>
        <source>Labour fee</source>
        <translation>工时费</translation>
    </message>
    <message>
        <source>Search card no., customer, model, serial no.</source>
        <translation>搜索修理卡号、客户、型号、序列号</translation>
    </message>
    <message>
        <source>Customer list</source>
        <translation>客户一览表</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <source>Search code, name or its initials (zw), phone, address, contact</source>
        <translation>搜索代码、名称或其拼音首字母（如 zw）、电话、地址、联系人</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>overdue %1 h</source>
        <translation>已超时 %1 小时</translation>
    </message>
    <message>
        <source>%1 h left</source>
        <translation>剩余 %1 小时</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>共 %n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Renewals</name>
    <message>
        <source>By post</source>
        <translation>邮寄</translation>
    </message>
    <message>
        <source>By fax</source>
        <translation>传真</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Handed over on a visit</source>
        <translation>上门面交</translation>
    </message>
    <message>
        <source>The renewal notice of {contract_no} falls due on {due} (a month before the contract ends on {end}): it cannot have been sent on {sent}.</source>
        <translation>合同 {contract_no} 的保养到期通知书应于 {due}（合同 {end} 到期前一个月）寄发，不可能在 {sent} 寄出。</translation>
    </message>
    <message>
        <source>The notice cannot be recorded as sent on {sent}, a day still to come.</source>
        <translation>{sent} 尚未到来，不能记为通知书寄出日。</translation>
    </message>
    <message>
        <source>The renewal of {contract_no} was already recorded ({outcome} on {on}); it is recorded once.</source>
        <translation>合同 {contract_no} 的续约结果已经记录（{on} {outcome}），只能记录一次。</translation>
    </message>
    <message>
        <source>Say how the notice was sent: by post, fax, e-mail or on a visit.</source>
        <translation>请选择通知书的寄发方式：邮寄、传真、电子邮件或上门面交。</translation>
    </message>
    <message>
        <source>Enter the day the notice was sent.</source>
        <translation>请填写通知书寄出的日期。</translation>
    </message>
    <message>
        <source>Enter the day of the outcome.</source>
        <translation>请填写续约结果的日期。</translation>
    </message>
    <message>
        <source>Say why the contract was not renewed.</source>
        <translation>请说明未续约的原因。</translation>
    </message>
    <message>
        <source>The renewal would start on {start}, while {contract_no} still runs until {end}: it starts on {next} at the earliest.</source>
        <translation>续约合同将从 {start} 起，而合同 {contract_no} 至 {end} 才到期：续约最早从 {next} 起。</translation>
    </message>
    <message>
        <source>{model} is already covered by contract {contract_no} from {start} to {end}, which the renewal would overlap.</source>
        <translation>{model} 已由合同 {contract_no}（{start} 至 {end}）保养，续约合同与之重叠。</translation>
    </message>
    <message>
        <source>The renewal starts on {start}, {days} day(s) after {contract_no} ended on {end}: calls in between are not covered by a contract.</source>
        <translation>续约合同从 {start} 起，比合同 {contract_no}（{end} 到期）晚 {days} 天：其间的叫修不在合同保养范围内。</translation>
    </message>
    <message>
        <source>renewed</source>
        <translation>已续约</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>未续约</translation>
    </message>
    <message>
        <source>Notice to send</source>
        <translation>待寄通知书</translation>
    </message>
    <message>
        <source>Notice sent {sent}</source>
        <translation>通知书已于 {sent} 寄出</translation>
    </message>
    <message>
        <source>Ended, no outcome yet</source>
        <translation>已到期，续约结果未定</translation>
    </message>
</context>
<context>
    <name>RenewalsModel</name>
    <message>
        <source>Contract no.</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Products covered</source>
        <translation>保养商品</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Notice due</source>
        <translation>通知应寄日</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Fee (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Pursued by</source>
        <translation>跟进人</translation>
    </message>
</context>
<context>
    <name>RenewalsPage</name>
    <message>
        <source>Search by contract number, customer, product or who pursues it</source>
        <translation>按合同编号、客户、商品或跟进人查找</translation>
    </message>
    <message>
        <source>Contract renewals due</source>
        <translation>保养合同续约到期</translation>
    </message>
    <message>
        <source>The renewal notice falls due one calendar month before a contract ends. Red: the notice is still to send, or the contract has ended without an outcome.</source>
        <translation>合同到期前一个月应寄发保养到期通知书。红色：通知书尚未寄出，或合同已到期而续约结果未定。</translation>
    </message>
    <message>
        <source>Print &amp;notices…</source>
        <translation>打印通知书(&amp;N)…</translation>
    </message>
    <message>
        <source>Notice sen&amp;t…</source>
        <translation>已寄通知(&amp;T)…</translation>
    </message>
    <message>
        <source>Rene&amp;wed…</source>
        <translation>已续约(&amp;W)…</translation>
    </message>
    <message>
        <source>Not renewe&amp;d…</source>
        <translation>未续约(&amp;D)…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>%1 due, %2 notices to send</source>
        <translation>待办 %1 份，其中 %2 份通知书待寄</translation>
    </message>
    <message>
        <source>Renewals are recorded by the clerk, information, marketing and the manager</source>
        <translation>续约由文员、信息部、市场部或经理记录</translation>
    </message>
    <message>
        <source>Renewal notices</source>
        <translation>保养到期通知书</translation>
    </message>
</context>
<context>
    <name>RenewedDialog</name>
    <message>
        <source>Contract renewed: %1</source>
        <translation>已续约：%1</translation>
    </message>
    <message>
        <source>Products (carried over)</source>
        <translation>保养商品（沿用）</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Fee (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>as many as needed</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Visits included</source>
        <translation>所含服务次数</translation>
    </message>
</context>
<context>
    <name>RepairCardDialog</name>
    <message>
        <source>New repair card</source>
        <translation>新建修理卡</translation>
    </message>
    <message>
        <source>Repair card</source>
        <translation>修理卡</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Product model</source>
        <translation>产品型号</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开卡时间</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Promised date</source>
        <translation>约定日期</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>修理内容</translation>
    </message>
    <message>
        <source>Repair hours</source>
        <translation>修理工时</translation>
    </message>
    <message>
        <source>Labour fee (yuan)</source>
        <translation>工时费（元）</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Part no.</source>
        <translation>零件编号</translation>
    </message>
    <message>
        <source>Part name</source>
        <translation>零件名称</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Parts replaced</source>
        <translation>更换零件</translation>
    </message>
    <message>
        <source>Add part line</source>
        <translation>添加零件行</translation>
    </message>
    <message>
        <source>Remove selected line</source>
        <translation>删除所选行</translation>
    </message>
    <message>
        <source>No longer in the price list: enter the price charged.</source>
        <translation>已不在价目表中：请输入实收单价。</translation>
    </message>
    <message>
        <source>by the repair rate: %1</source>
        <translation>按送修工时费标准：%1</translation>
    </message>
    <message>
        <source>(parts %1 + labour %2 by the repair rate)</source>
        <translation>（零件 %1 + 工时费 %2，按送修标准）</translation>
    </message>
    <message>
        <source>(parts %1 + labour %2)</source>
        <translation>（零件 %1 + 工时费 %2）</translation>
    </message>
    <message>
        <source>Total with labour: %1 yuan</source>
        <translation>合计（含工时费）：%1 元</translation>
    </message>
    <message>
        <source>Repair card %1</source>
        <translation>修理卡 %1</translation>
    </message>
</context>
<context>
    <name>RepairCardStatus</name>
    <message>
        <source>Open</source>
        <translation>待修</translation>
    </message>
    <message>
        <source>In repair</source>
        <translation>维修中</translation>
    </message>
    <message>
        <source>Repaired</source>
        <translation>已修好</translation>
    </message>
    <message>
        <source>Inspected</source>
        <translation>已检验</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已送还</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
</context>
<context>
    <name>Repairs</name>
    <message>
        <source>The repair card cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该修理卡（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>The goods register entry cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该商品进出登记（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>The service call cannot be found any more (it may have been removed meanwhile): look it up again.</source>
        <translation>找不到该叫修单（可能刚被删除）：请重新查找。</translation>
    </message>
    <message>
        <source>Enter the date and time the repair card was opened.</source>
        <translation>请输入修理卡的开卡日期和时间。</translation>
    </message>
    <message>
        <source>The promised date ({promised}) is before the day the card was opened ({opened}).</source>
        <translation>约定日期（{promised}）早于修理卡开卡日期（{opened}）。</translation>
    </message>
    <message>
        <source>The technician of a repair card is assigned through the service process, not by editing the card.</source>
        <translation>修理卡的技术员须通过服务流程指派，不能直接修改修理卡。</translation>
    </message>
    <message>
        <source>The status of a repair card changes only through the steps of the service process.</source>
        <translation>修理卡状态只能随服务流程的各个步骤改变，不能直接修改。</translation>
    </message>
    <message>
        <source>The repair is marked done through the service process, not by editing the card.</source>
        <translation>修理完成须通过服务流程登记，不能直接修改修理卡。</translation>
    </message>
    <message>
        <source>The inspection is recorded by the supervisor&apos;s inspection step.</source>
        <translation>检验结果须由服务主任在检验步骤中登记。</translation>
    </message>
    <message>
        <source>A repair card number is never changed.</source>
        <translation>修理卡号不能更改。</translation>
    </message>
    <message>
        <source>The parts of a card are changed in its parts table.</source>
        <translation>修理卡的零件请在零件明细表中修改。</translation>
    </message>
    <message>
        <source>The goods of receipt {receipt_no} already have repair card {card_no}.</source>
        <translation>收据 {receipt_no} 的商品已有修理卡 {card_no}。</translation>
    </message>
    <message>
        <source>The goods of receipt {receipt_no} came with another call, not {call_no}.</source>
        <translation>收据 {receipt_no} 的商品属于另一张叫修单，不是 {call_no}。</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name, or open the card from a goods register line or a call.</source>
        <translation>请输入客户名称，或从客户商品进出登记簿或叫修登记簿中打开修理卡。</translation>
    </message>
    <message>
        <source>The repair of card {card_no} is recorded as finished: its hours and labour fee change only by taking the step back or setting the fee with a reason.</source>
        <translation>修理卡 {card_no} 已记录为修复：其工时和工时费只能通过撤销该步骤或说明原因确定费用来更改。</translation>
    </message>
    <message>
        <source>Line {line}: enter the name of the part.</source>
        <translation>第 {line} 行：请输入零件名称。</translation>
    </message>
    <message>
        <source>Line {line}: enter the quantity.</source>
        <translation>第 {line} 行：请输入数量。</translation>
    </message>
    <message>
        <source>Line {line}: the quantity must be a number greater than 0 (at most 2 decimals).</source>
        <translation>第 {line} 行：数量必须是大于 0 的数字（最多两位小数）。</translation>
    </message>
    <message>
        <source>Line {line}: the unit price must be a number, 0 or more (at most 2 decimals).</source>
        <translation>第 {line} 行：单价必须是不小于 0 的数字（最多两位小数）。</translation>
    </message>
    <message>
        <source>Repair card {card_no} is past inspection: its parts can no longer change.</source>
        <translation>修理卡 {card_no} 已检验，配件不能再更改。</translation>
    </message>
</context>
<context>
    <name>RepairsAtRiskModel</name>
    <message>
        <source>Repair card</source>
        <translation>修理卡</translation>
    </message>
    <message>
        <source>Call no.</source>
        <translation>叫修单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>约定日期</translation>
    </message>
    <message>
        <source>Working days left</source>
        <translation>剩余工作日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Escalation note</source>
        <translation>上报说明</translation>
    </message>
    <message>
        <source>no promised date</source>
        <translation>无约定日期</translation>
    </message>
    <message>
        <source>missed by %1 working days</source>
        <translation>已超期 %1 个工作日</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>%1 working days left</source>
        <translation>还剩 %1 个工作日</translation>
    </message>
    <message>
        <source>Escalated %1:
%2</source>
        <translation>%1 上报：
%2</translation>
    </message>
</context>
<context>
    <name>RepairsAtRiskPage</name>
    <message>
        <source>Escalate to the supervisor…</source>
        <translation>上报主任…</translation>
    </message>
    <message>
        <source>Open the call</source>
        <translation>打开叫修单</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Repairs at risk</source>
        <translation>逾期维修预警</translation>
    </message>
    <message>
        <source>Show repairs promised within</source>
        <translation>显示约定日期在</translation>
    </message>
    <message>
        <source>working days, and every escalated one</source>
        <translation>个工作日内的维修，以及所有已上报的维修</translation>
    </message>
    <message>
        <source>Red: the promised date is missed. Amber: due today or on the next working day. Double-click a line to open its call.</source>
        <translation>红色：已超过约定日期。黄色：今日或下一个工作日到期。双击一行打开其叫修单。</translation>
    </message>
    <message>
        <source>%1 repairs: %2 missed, %3 escalated</source>
        <translation>共 %1 件维修：超期 %2 件，已上报 %3 件</translation>
    </message>
</context>
<context>
    <name>Restore</name>
    <message>
        <source>Restore puts back SQLite database files only; use the database server&apos;s own tools.</source>
        <translation>只能恢复 SQLite 数据库文件；其他数据库请使用数据库服务器自带的工具。</translation>
    </message>
    <message>
        <source>There is no file {path}: choose a backup that exists.</source>
        <translation>没有文件 {path}：请选择一个存在的备份。</translation>
    </message>
    <message>
        <source>{path} is the database in use, not a backup: choose a backup.</source>
        <translation>{path} 是正在使用的数据库，不是备份：请选择一个备份。</translation>
    </message>
    <message>
        <source>The file {path} holds no data: it is not a backup of crm_desktop. Nothing was changed.</source>
        <translation>文件 {path} 中没有数据：它不是 crm_desktop 的备份。什么都没有改动。</translation>
    </message>
    <message>
        <source>The backup {path} is damaged (its check found errors; the details are in the log file) and was not restored. Nothing was changed: choose another backup.</source>
        <translation>备份 {path} 已损坏（检查发现错误，详情见日志文件），没有恢复。什么都没有改动：请选择另一份备份。</translation>
    </message>
    <message>
        <source>The backup {path} is not the file its manifest describes (its SHA-256 differs): it was changed or damaged after it was made, and was not restored. Nothing was changed: choose another backup.</source>
        <translation>备份 {path} 与其清单记载的文件不符（SHA-256 不同）：它在备份之后被改动或损坏，没有恢复。什么都没有改动：请选择另一份备份。</translation>
    </message>
    <message>
        <source>The backup {path} failed its check when it was made and is not restored. Nothing was changed: choose another backup.</source>
        <translation>备份 {path} 在制作时就没有通过检查，不予恢复。什么都没有改动：请选择另一份备份。</translation>
    </message>
    <message>
        <source>The database {path} is open in another program (a crm_desktop window or command): close it, then restore again. Nothing was changed.</source>
        <translation>数据库 {path} 正被另一个程序（crm_desktop 的窗口或命令）打开：请先关闭它，再重新恢复。什么都没有改动。</translation>
    </message>
    <message>
        <source>The restore was cancelled: nothing was changed.</source>
        <translation>恢复已取消：什么都没有改动。</translation>
    </message>
    <message>
        <source>The database was restored from the backup {backup}.</source>
        <translation>已从备份 {backup} 恢复数据库。</translation>
    </message>
    <message>
        <source>The database in use until now was set aside, not deleted: {path}</source>
        <translation>原来使用的数据库已另存，没有删除：{path}</translation>
    </message>
    <message>
        <source>There was no database in use to set aside.</source>
        <translation>原来没有正在使用的数据库，无需另存。</translation>
    </message>
    <message>
        <source>The backup&apos;s schema {old} was brought up to {new}.</source>
        <translation>备份的数据结构已从版本 {old} 升级到 {new}。</translation>
    </message>
    <message>
        <source>Numbers already issued are not issued again: {count} number counter(s) moved past the numbers of the set-aside database.</source>
        <translation>已发出的编号不会重发：{count} 个编号计数器已调到另存数据库中的编号之后。</translation>
    </message>
    <message>
        <source>The backup&apos;s number counters were already past every number of the set-aside database.</source>
        <translation>备份的编号计数器已经在另存数据库的所有编号之后。</translation>
    </message>
    <message>
        <source>WARNING: the database in use could not be read, so it was set aside as it was. The numbers it issued and the records it held that the backup lacks could not be found: look through the forms issued since the backup was made, enter them again, and compare each new number the program gives with the numbers already on paper.</source>
        <translation>警告：原来使用的数据库无法读取，已原样另存。无法查出它发出过的编号，也无法查出备份中缺少的记录：请翻查备份之后开出的单据，重新录入，并把程序给出的每个新编号与纸面上已有的编号核对。</translation>
    </message>
    <message>
        <source>The set-aside database holds no record that the backup lacks.</source>
        <translation>另存的数据库中没有备份缺少的记录。</translation>
    </message>
    <message>
        <source>{count} record(s) of the set-aside database are not in the backup; enter them again:</source>
        <translation>另存数据库中有 {count} 条记录不在备份里，请重新录入：</translation>
    </message>
    <message>
        <source>{count} record(s) were changed after the backup was made; enter their changes again:</source>
        <translation>有 {count} 条记录在备份之后被修改过，请重新录入这些修改：</translation>
    </message>
    <message>
        <source>This list is also in the file {file}.</source>
        <translation>此清单也保存在文件 {file} 中。</translation>
    </message>
    <message>
        <source>Restore of {time}: records to enter again</source>
        <translation>{time} 的恢复：需重新录入的记录</translation>
    </message>
    <message>
        <source>Service call</source>
        <translation>叫修</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>客户商品领取收据</translation>
    </message>
    <message>
        <source>Repair card</source>
        <translation>修理卡</translation>
    </message>
    <message>
        <source>Maintenance contract</source>
        <translation>保养合同</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Hand-over</source>
        <translation>离职移交</translation>
    </message>
    <message>
        <source>Checking the backup and putting it in place…</source>
        <translation>正在检查备份并放回原处…</translation>
    </message>
    <message>
        <source>The backup was not restored; the database is as it was.

{reason}</source>
        <translation>备份未恢复，数据库保持原样。

{reason}</translation>
    </message>
    <message>
        <source>Restore done</source>
        <translation>恢复完成</translation>
    </message>
    <message>
        <source>Log in again to go on. Enter the records listed here again.</source>
        <translation>请重新登录后继续，并把下面列出的记录重新录入。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReturnGoodsDialog</name>
    <message>
        <source>Returned at</source>
        <translation>交还时间</translation>
    </message>
    <message>
        <source>Taken in</source>
        <translation>取回情况</translation>
    </message>
</context>
<context>
    <name>ReturnOutcome</name>
    <message>
        <source>Repaired</source>
        <translation>已修复</translation>
    </message>
    <message>
        <source>Returned unrepaired</source>
        <translation>未修交还</translation>
    </message>
</context>
<context>
    <name>ReturnUnrepairedDialog</name>
    <message>
        <source>Returned at</source>
        <translation>交还时间</translation>
    </message>
    <message>
        <source>Taken in</source>
        <translation>取回情况</translation>
    </message>
    <message>
        <source>The customer declined the quote.</source>
        <translation>客户不同意报价。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Clerk</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <source>Service supervisor</source>
        <translation>服务主任</translation>
    </message>
    <message>
        <source>Accountant</source>
        <translation>会计员</translation>
    </message>
    <message>
        <source>Branch manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>Information dept.</source>
        <translation>信息部</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>营销部</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>企划部</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
</context>
<context>
    <name>ServiceKind</name>
    <message>
        <source>A paid</source>
        <translation>A 有费服务</translation>
    </message>
    <message>
        <source>B contract</source>
        <translation>B 合同服务</translation>
    </message>
    <message>
        <source>C free</source>
        <translation>C 免费服务</translation>
    </message>
</context>
<context>
    <name>SetFeeDialog</name>
    <message>
        <source>Set at</source>
        <translation>确定时间</translation>
    </message>
    <message>
        <source>Computed fee</source>
        <translation>计算费用</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>In a dialog: save (a missing field is shown, nothing is saved)</source>
        <translation>在对话框中：保存（缺少的项目会标出，不会保存）</translation>
    </message>
    <message>
        <source>In a dialog: save, also from a text box (where Enter starts a new line)</source>
        <translation>在对话框中：保存，在文本框中也可以（文本框里 Enter 是换行）</translation>
    </message>
    <message>
        <source>In a dialog: cancel without saving</source>
        <translation>在对话框中：取消，不保存</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>下一个 / 上一个输入项</translation>
    </message>
    <message>
        <source>In the customer finder: into the matches, then Enter picks one</source>
        <translation>在查找客户时：进入匹配列表，再按回车选取</translation>
    </message>
    <message>
        <source>In a call: the step of that number (as its button reads); Enter: the usual next step</source>
        <translation>在叫修单中：按钮上标的编号对应的步骤；Enter：通常的下一步</translation>
    </message>
    <message>
        <source>In a register: change the selected cell in place</source>
        <translation>在登记簿中：直接修改所选单元格</translation>
    </message>
    <message>
        <source>In a cell being changed: undo / redo the typing (Edit → Undo acts once the cell is closed)</source>
        <translation>正在修改单元格时：撤销/重做输入的文字（单元格关闭后，“编辑 → 撤销”才撤销已保存的修改）</translation>
    </message>
    <message>
        <source>In the search box: a scanned number opens its record</source>
        <translation>在搜索框中：扫描的单号直接打开该记录</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Signed at</source>
        <translation>签字时间</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签字人</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>not set yet</source>
        <translation>尚未确定</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Today&apos;s open calls</source>
        <translation>今日叫修未结</translation>
    </message>
    <message>
        <source>Due within an hour</source>
        <translation>1 小时内到期</translation>
    </message>
    <message>
        <source>Calls overdue</source>
        <translation>叫修已超时</translation>
    </message>
    <message>
        <source>Repairs overdue</source>
        <translation>修理已逾期</translation>
    </message>
    <message>
        <source>Renewals due</source>
        <translation>续约到期</translation>
    </message>
    <message>
        <source>Invoices to issue</source>
        <translation>待开发票</translation>
    </message>
</context>
<context>
    <name>StartRepairDialog</name>
    <message>
        <source>Started at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>no answer to a quote yet</source>
        <translation>客户尚未答复报价</translation>
    </message>
    <message>
        <source>agreed to %1 (%2)</source>
        <translation>已同意 %1（%2）</translation>
    </message>
    <message>
        <source>declined %1</source>
        <translation>不同意 %1</translation>
    </message>
    <message>
        <source>Customer&apos;s answer</source>
        <translation>客户答复</translation>
    </message>
</context>
<context>
    <name>StartStrip</name>
    <message>
        <source>Due today:</source>
        <translation>今日待办：</translation>
    </message>
    <message>
        <source>Open the list</source>
        <translation>打开清单</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>no labour rate is set: enter the fee</source>
        <translation>未设定工时费率：请填写费用</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <source>(nobody: choose the current user first)</source>
        <translation>（无：请先选择当前用户）</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>technician %1</source>
        <translation>技术员 %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Fee charged</source>
        <translation>收取费用</translation>
    </message>
    <message>
        <source>Reason for another fee</source>
        <translation>费用调整原因</translation>
    </message>
</context>
<context>
    <name>StrikeOffDialog</name>
    <message>
        <source>Struck off at</source>
        <translation>注销时间</translation>
    </message>
    <message>
        <source>Voucher signed by</source>
        <translation>凭证签字人</translation>
    </message>
</context>
<context>
    <name>TakeBackDialog</name>
    <message>
        <source>Taken back at</source>
        <translation>取回时间</translation>
    </message>
    <message>
        <source>Hours on site</source>
        <translation>现场工时</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>e.g. scratches on the cover; or no visible damage</source>
        <translation>如：外壳有划痕；或外观完好</translation>
    </message>
    <message>
        <source>Accessories</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>e.g. power cord, remote control</source>
        <translation>如：电源线、遥控器</translation>
    </message>
    <message>
        <source>No accessories</source>
        <translation>无附件</translation>
    </message>
    <message>
        <source>Promised return</source>
        <translation>承诺交还日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The goods receipt and the repair card get their numbers when this is saved.</source>
        <translation>保存时给出客户商品领取收据和修理卡的编号。</translation>
    </message>
</context>
<context>
    <name>TakeBackPapersDialog</name>
    <message>
        <source>Papers for the goods — %1</source>
        <translation>商品单据 — %1</translation>
    </message>
    <message>
        <source>Saved. The goods were given these numbers:</source>
        <translation>已保存。商品的编号如下：</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>客户商品领取收据</translation>
    </message>
    <message>
        <source>Repair card</source>
        <translation>修理卡</translation>
    </message>
    <message>
        <source>The receipt goes to the customer; the card hangs on the goods.</source>
        <translation>收据交给客户；修理卡挂在商品上。</translation>
    </message>
    <message>
        <source>Print the &amp;receipt…</source>
        <translation>打印收据(&amp;R)…</translation>
    </message>
    <message>
        <source>Print the repair &amp;card…</source>
        <translation>打印修理卡(&amp;C)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>TechnicianModel</name>
    <message>
        <source>Technician / call no.</source>
        <translation>技术员 / 叫修单号</translation>
    </message>
    <message>
        <source>%1 · open jobs: %2</source>
        <translation>%1 · 在办 %2 件</translation>
    </message>
    <message>
        <source>Drop a call here, or select it and press Dispatch, to give it to %1.</source>
        <translation>把叫修拖到这里，或选中后按“派工”，即派给%1。</translation>
    </message>
    <message>
        <source>Dispatched on an earlier day and still open.</source>
        <translation>前几天派工，至今未完成。</translation>
    </message>
</context>
<context>
    <name>TextLimit</name>
    <message>
        <source>The pasted text is longer than the limit of {max} characters: {cut} characters were left out.</source>
        <translation>粘贴的文字超过 {max} 字的上限，已截去 {cut} 字。</translation>
    </message>
    <message>
        <source>This field holds at most {max} characters.</source>
        <translation>此处最多只能填写 {max} 字。</translation>
    </message>
</context>
<context>
    <name>UnderstaffedDialog</name>
    <message>
        <source>Customers short of responsible staff</source>
        <translation>负责人员不足的客户</translation>
    </message>
    <message>
        <source>An important or promising customer has at least two responsible staff (I10). Red: nobody at all. Double-click a customer to open its archive and assign someone.</source>
        <translation>重要或有潜力的客户至少应有两名负责人员。红色：无人负责。双击客户可打开其档案并指定负责人员。</translation>
    </message>
    <message>
        <source>%1 customers</source>
        <translation>共 %1 位客户</translation>
    </message>
</context>
<context>
    <name>UnderstaffedModel</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Importance</source>
        <translation>重要程度</translation>
    </message>
    <message>
        <source>Responsible now</source>
        <translation>现有负责人数</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>负责人员</translation>
    </message>
</context>
<context>
    <name>UndispatchedModel</name>
    <message>
        <source>Carry-over</source>
        <translation>遗留</translation>
    </message>
    <message>
        <source>Received before today and still not dispatched: it goes first (S13).</source>
        <translation>今天以前接报、至今未派工：优先派工。</translation>
    </message>
</context>
<context>
    <name>UndoDialog</name>
    <message>
        <source>There is no step to take back.</source>
        <translation>没有可撤销的步骤。</translation>
    </message>
    <message>
        <source>“%1” of %2 %3</source>
        <translation>%2 %3 的“%1”</translation>
    </message>
    <message>
        <source>The call goes back to “%1”.</source>
        <translation>叫修退回“%1”状态。</translation>
    </message>
    <message>
        <source>Goods receipt %1 is voided and repair card %2 cancelled; their numbers are not used again.</source>
        <translation>客户商品领取收据 %1 作废、修理卡 %2 取消；其编号不再使用。</translation>
    </message>
    <message>
        <source>Step taken back</source>
        <translation>撤销的步骤</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Take back</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>UserChooser</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>Enter a number, e.g. 12.50.</source>
        <translation>请输入数字，例如 12.50。</translation>
    </message>
    <message>
        <source>“{value}” is not a number: enter digits, e.g. 12.50.</source>
        <translation>“{value}”不是数字：请输入数字，例如 12.50。</translation>
    </message>
    <message>
        <source>The number {value} is too large.</source>
        <translation>数字 {value} 太大。</translation>
    </message>
    <message>
        <source>At most {places} digits after the decimal point, please.</source>
        <translation>小数点后最多只能有 {places} 位。</translation>
    </message>
    <message>
        <source>The number must be greater than {limit}.</source>
        <translation>数字必须大于 {limit}。</translation>
    </message>
    <message>
        <source>The number cannot be negative.</source>
        <translation>数字不能为负数。</translation>
    </message>
    <message>
        <source>The number cannot be less than {limit}.</source>
        <translation>数字不能小于 {limit}。</translation>
    </message>
    <message>
        <source>The number cannot be more than {limit}.</source>
        <translation>数字不能大于 {limit}。</translation>
    </message>
    <message>
        <source>“{value}” is not a date: write it as 2026-11-28.</source>
        <translation>“{value}”不是有效日期，请按 2026-11-28 的格式填写。</translation>
    </message>
    <message>
        <source>“{value}” is not a date and time: write it as 2026-11-28 09:30.</source>
        <translation>“{value}”不是有效的日期时间，请按 2026-11-28 09:30 的格式填写。</translation>
    </message>
    <message>
        <source>A postcode has exactly six digits, e.g. 200040.</source>
        <translation>邮编必须是 6 位数字，例如 200040。</translation>
    </message>
    <message>
        <source>The phone number may contain only digits, spaces, &apos;-&apos;, &apos;+&apos;, &apos;(&apos; &apos;)&apos; and an extension such as &apos;转 123&apos;.</source>
        <translation>电话号码只能包含数字、空格、“-”、“+”、“(”“)”以及分机号（如“转 123”）。</translation>
    </message>
    <message>
        <source>“{phone}” is not a phone number: enter a mobile number (11 digits, e.g. 13812345678), a landline with its area code (e.g. 021-62345678) or a 400/800 number.</source>
        <translation>“{phone}”不是有效的电话号码：请输入手机号码（11 位，如 13812345678）、带区号的固定电话（如 021-62345678）或 400/800 号码。</translation>
    </message>
    <message>
        <source>The landline number “{phone}” needs its area code, e.g. 021-62345678.</source>
        <translation>固定电话“{phone}”需要加区号，例如 021-62345678。</translation>
    </message>
    <message>
        <source>A mobile number has no extension: “{phone}”.</source>
        <translation>手机号码不能带分机号：“{phone}”。</translation>
    </message>
    <message>
        <source>Choose the customer.</source>
        <translation>请选择客户。</translation>
    </message>
    <message>
        <source>Choose the product.</source>
        <translation>请选择产品。</translation>
    </message>
    <message>
        <source>Choose the service call.</source>
        <translation>请选择叫修单。</translation>
    </message>
    <message>
        <source>Choose the goods register entry.</source>
        <translation>请选择商品进出登记。</translation>
    </message>
    <message>
        <source>Choose the repair card.</source>
        <translation>请选择修理卡。</translation>
    </message>
    <message>
        <source>Choose the maintenance contract.</source>
        <translation>请选择保养合同。</translation>
    </message>
    <message>
        <source>Choose a member of staff.</source>
        <translation>请选择员工。</translation>
    </message>
    <message>
        <source>Choose one from the list.</source>
        <translation>请从列表中选择。</translation>
    </message>
    <message>
        <source>This member of staff cannot be found any more: choose again.</source>
        <translation>找不到该员工：请重新选择。</translation>
    </message>
    <message>
        <source>This technician cannot be found any more: choose again.</source>
        <translation>找不到该技术员：请重新选择。</translation>
    </message>
    <message>
        <source>This value cannot be changed here.</source>
        <translation>此项不能在这里修改。</translation>
    </message>
    <message>
        <source>{name} is not a technician: only technicians can be given this work.</source>
        <translation>{name} 不是技术员：只有技术员才能接受这项工作。</translation>
    </message>
    <message>
        <source>This text is too long: {length} characters, at most {max} fit ({over} too many).</source>
        <translation>文字过长：共 {length} 字，最多 {max} 字（多了 {over} 字）。</translation>
    </message>
    <message>
        <source>{name} no longer works here (inactive) and cannot be given work.</source>
        <translation>{name} 已离职（已停用），不能再分派工作。</translation>
    </message>
    <message>
        <source>The field “{name}” cannot be edited here.</source>
        <translation>字段“{name}”不能在此处修改。</translation>
    </message>
</context>
<context>
    <name>VipLevel</name>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>VIP 1</source>
        <translation>VIP 一级</translation>
    </message>
    <message>
        <source>VIP 2</source>
        <translation>VIP 二级</translation>
    </message>
    <message>
        <source>VIP 3</source>
        <translation>VIP 三级</translation>
    </message>
</context>
<context>
    <name>VoidReceiptDialog</name>
    <message>
        <source>Voided at</source>
        <translation>作废时间</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>收据编号</translation>
    </message>
    <message>
        <source>scan or type the number on the receipt</source>
        <translation>扫描或输入收据上的编号</translation>
    </message>
    <message>
        <source>Receipt lost</source>
        <translation>收据遗失</translation>
    </message>
    <message>
        <source>The customer lost the receipt</source>
        <translation>客户遗失收据</translation>
    </message>
    <message>
        <source>Identity document checked</source>
        <translation>核对的身份证件</translation>
    </message>
    <message>
        <source>e.g. ID card, last four digits 1234</source>
        <translation>例如：身份证，末四位 1234</translation>
    </message>
</context>
<context>
    <name>WorkMode</name>
    <message>
        <source>On site</source>
        <translation>现场服务</translation>
    </message>
    <message>
        <source>Workshop repair</source>
        <translation>送修</translation>
    </message>
</context>
<context>
    <name>YearlyRecordDialog</name>
    <message>
        <source>New yearly record</source>
        <translation>新增年度业绩</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Sales (yuan)</source>
        <translation>销售额（元）</translation>
    </message>
    <message>
        <source>Receivables (yuan)</source>
        <translation>应收账款（元）</translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Yearly record %1</source>
        <translation>%1 年度业绩</translation>
    </message>
    <message>
        <source>A record belongs to its year: another year is a new record.</source>
        <translation>记录按年度保存：其他年度请新增一条记录。</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>已存文件</translation>
    </message>
</context>
</TS>
