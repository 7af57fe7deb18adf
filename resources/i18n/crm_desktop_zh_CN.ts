<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>FirstStart</source>
        <comment>Welcome to crm_desktop</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FirstStart</source>
        <comment>The database is empty. How do you want to begin?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FirstStart</source>
        <comment>Demo data fills the registers with invented customers and calls, for trying the program out.</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FirstStart</source>
        <comment>Begin empty</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FirstStart</source>
        <comment>Fill with demo data</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>crm_desktop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallChannel</name>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <source>New service call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault described</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed when the kind differs from the proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no product recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: this product already had call %1 on %2, within the last 30 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service call %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, technician %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallStatus</name>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed on site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Struck off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Calls</name>
    <message>
        <source>There is no service call with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no customer with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no product with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date and time the call was received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe the fault the customer reports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how the call came in: by phone, by letter or in person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose whether the customer is in the city (市区) or the suburbs (郊区).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service kind is A (paid), B (contract) or C (free), not “{value}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proposed service kind is {proposed}; give the reason for choosing {kind} instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The technician is assigned by dispatching the call, not by editing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dispatch time is set by dispatching the call, not by editing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service kind is changed by an override with a reason, not by editing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The override reason is given with an override of the service kind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status of a call changes only through the steps of the service process.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A call number is never changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product {model} belongs to another customer, not to {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call {call_no} is closed or cancelled and cannot be dispatched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call {call_no} is already past dispatch: only a registered call can be dispatched, or a dispatched one given to another technician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date and time of the dispatch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dispatch time is before the call was received ({received_at}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the reason for changing the service kind.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangeKindDialog</name>
    <message>
        <source>Change service kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerCategory</name>
    <message>
        <source>Supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Special (advisers, banks, insurers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End user</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered capital (yuan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warranty end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>purchased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warranty to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the product model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerFinder</name>
    <message>
        <source>Type part of a name, a phone number or a serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2, serial no. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No customer found: use &quot;New customer…&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>There is no customer with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no product with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The warranty end ({warranty_end}) is before the purchase date ({purchase_date}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the customer&apos;s category (supplier, distributor, special or end user).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose whether the customer is in the city (市区) or the suburbs (郊区).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer code {code} is already used by {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the product model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date and time the call was received.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The file {path} is not a crm_desktop database (it is not a SQLite file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {path} cannot be read as a database: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database {path} belongs to another program; crm_desktop will not change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database {path} was written by a newer version of crm_desktop (schema {revision}). Install that version or newer to open it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched at</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>District</name>
    <message>
        <source>Urban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suburban</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong and the last action was not saved. The details are in the log file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crm_desktop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Goods</name>
    <message>
        <source>There is no goods register entry with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no customer with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no service call with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no product with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date and time the goods were taken in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The promised date ({promised}) is before the day the goods were taken in ({taken_in}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The return date is entered when the goods go back to the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who gave the goods back is entered when the goods go back to the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who signed for the goods is entered when the goods go back to the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt is voided when the goods go back to the customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A receipt number is never changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call {call_no} is another customer&apos;s, not {name}&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product {model} belongs to another customer, not to {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product {model} is not the one of call {call_no}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoodsDialog</name>
    <message>
        <source>Goods taken in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goods entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer and product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken in by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accessories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promised return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goods entry %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>crm_desktop — after-sales service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New service &amp;call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a call received by phone or letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;goods entry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log goods taken back for repair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;repair card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a repair card for goods taken back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New c&amp;ustomer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dispatch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign a technician to the selected call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change service &amp;kind…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Override the proposed service kind, with a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About crm_desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>About crm_desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crm_desktop %1
After-sales service registers of the branch office.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Numbering</name>
    <message>
        <source>Unknown part {{{token}}} in the number pattern {pattern}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A number pattern needs exactly one {{seq}} part: {pattern}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Register</name>
    <message>
        <source>Service call register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search call no., customer, phone, address, model, serial no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goods in/out register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accessories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed for by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search receipt no., customer, phone, model, serial no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labour fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search card no., customer, model, serial no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search code, name, phone, address, contact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepairCardDialog</name>
    <message>
        <source>New repair card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promised date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labour fee (yuan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remarks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parts replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add part line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total with labour: %1 yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repair card %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepairCardStatus</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Repairs</name>
    <message>
        <source>There is no repair card with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no goods register entry with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no service call with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the date and time the repair card was opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The promised date ({promised}) is before the day the card was opened ({opened}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The technician of a repair card is assigned through the service process, not by editing the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status of a repair card changes only through the steps of the service process.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repair is marked done through the service process, not by editing the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inspection is recorded by the supervisor&apos;s inspection step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A repair card number is never changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The parts of a card are changed in its parts table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The goods of receipt {receipt_no} already have repair card {card_no}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The goods of receipt {receipt_no} came with another call, not {call_no}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name, or open the card from a goods register line or a call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: enter the name of the part.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: enter the quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: the quantity must be a number greater than 0 (at most 2 decimals).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: the unit price must be a number, 0 or more (at most 2 decimals).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Technician</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accountant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information dept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceKind</name>
    <message>
        <source>A paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B contract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C free</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>This text is too long: at most {max} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a number, e.g. 12.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a number: enter digits, e.g. 12.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number {value} is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {places} digits after the decimal point, please.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number must be greater than {limit}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number cannot be less than {limit}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number cannot be more than {limit}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a date: write it as 2026-11-28.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{value}” is not a date and time: write it as 2026-11-28 09:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A postcode has exactly six digits, e.g. 200040.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The phone number may contain only digits, spaces, &apos;-&apos;, &apos;+&apos;, &apos;(&apos; &apos;)&apos; and an extension such as &apos;转 123&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{phone}” is not a phone number: enter a mobile number (11 digits, e.g. 13812345678), a landline with its area code (e.g. 021-62345678) or a 400/800 number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The landline number “{phone}” needs its area code, e.g. 021-62345678.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mobile number has no extension: “{phone}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no member of staff with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no technician with id {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is not a technician: only technicians can be given this work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} no longer works here (inactive) and cannot be given work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field “{name}” cannot be edited here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
